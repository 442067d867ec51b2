import { TokenError } from '../errors.js';
import type { ByteReader } from '../lib/reader.js';
import { assertString, assertUint, describe, isUint, uidString } from '../lib/validate.js';
import type { ByteWriter } from '../lib/writer.js';
import { ServiceType } from './constants.js';

/**
 * Privileges of one service: privilege id → expiry in seconds after issueTs. A plain object, a `Map`,
 * or `[id, expire]` pairs in `addPrivilege` order (a repeated id keeps the last value).
 */
export type PrivilegeInput = Readonly<Record<number, number>> | Iterable<readonly [number, number]>;

/** One RTM2 grant: a permission on a list of named resources (docs/format.md §2.4). */
export interface Rtm2PermissionEntry {
  resourceType: number;
  permissionType: number;
  resources: readonly string[];
}

interface ServiceBase<T extends number> {
  type: T;
  /** Defaults to no privileges. */
  privileges?: PrivilegeInput;
}

/** RTC: join and publish privileges in one channel for one uid or account. */
export interface RtcServiceSpec extends ServiceBase<1> {
  channelName: string;
  /** A uint32 uid (0 = any uid, packed as "") or a string account, packed verbatim. */
  uid: string | number;
}
/** RTM login for one user. */
export interface RtmServiceSpec extends ServiceBase<2> {
  userId: string | number;
}
/** Media push (no builder in the references). */
export interface StreamingServiceSpec extends ServiceBase<3> {
  channelName: string;
  account: string | number;
}
/** Flexible Path Acceleration login. */
export type FpaServiceSpec = ServiceBase<4>;
/** Chat user (privilege 1) or app (privilege 2, empty user id). */
export interface ChatServiceSpec extends ServiceBase<5> {
  userId: string | number;
}
/** Fusion CDN (no builder in the references). */
export interface FCdnServiceSpec extends ServiceBase<6> {
  channelName: string;
  account: string | number;
}
/** APaaS / Flexible Classroom; `role` is an int16, -1 meaning none. */
export interface ApaasServiceSpec extends ServiceBase<7> {
  roomUuid: string;
  userUuid: string | number;
  role: number;
}
/** RTM with resource permissions. */
export interface Rtm2ServiceSpec extends ServiceBase<8> {
  userId: string | number;
  /** Grants in `add()` order; a repeated (resourceType, permissionType) pair replaces the earlier one. */
  permissions?: readonly Rtm2PermissionEntry[];
}
/** Conversational AI marker service (`agora-token@2.0.6` only). */
export type ConvoAIServiceSpec = ServiceBase<9>;
/** Speech-to-text marker service (`agora-token@2.0.6` only). */
export type SttServiceSpec = ServiceBase<10>;
/** Any other type: packed as type + privilege map, like Go's `NewService(type)`. */
export type CustomServiceSpec = ServiceBase<number>;

/** A service to pack into an AccessToken2. */
export type ServiceSpec =
  | RtcServiceSpec
  | RtmServiceSpec
  | StreamingServiceSpec
  | FpaServiceSpec
  | ChatServiceSpec
  | FCdnServiceSpec
  | ApaasServiceSpec
  | Rtm2ServiceSpec
  | ConvoAIServiceSpec
  | SttServiceSpec
  | CustomServiceSpec;

/** Privileges as decoded: privilege id → expiry in seconds after issueTs. */
export type Privileges = Record<number, number>;

interface DecodedBase<T extends number> {
  type: T;
  privileges: Privileges;
}
/** A decoded RTC service; `uid` is "" for the wildcard uid 0. */
export interface DecodedRtcService extends DecodedBase<1> {
  channelName: string;
  uid: string;
}
/** A decoded RTM service. */
export interface DecodedRtmService extends DecodedBase<2> {
  userId: string;
}
/** A decoded Streaming service. */
export interface DecodedStreamingService extends DecodedBase<3> {
  channelName: string;
  account: string;
}
/** A decoded FPA service. */
export type DecodedFpaService = DecodedBase<4>;
/** A decoded Chat service. */
export interface DecodedChatService extends DecodedBase<5> {
  userId: string;
}
/** A decoded FCDN service. */
export interface DecodedFCdnService extends DecodedBase<6> {
  channelName: string;
  account: string;
}
/** A decoded APaaS service; `role` is read as int16 (0xffff → -1). */
export interface DecodedApaasService extends DecodedBase<7> {
  roomUuid: string;
  userUuid: string;
  role: number;
}
/** A decoded RTM2 service, permissions ascending by resource then permission type. */
export interface DecodedRtm2Service extends DecodedBase<8> {
  userId: string;
  permissions: Rtm2PermissionEntry[];
}
/** A decoded ConvoAI marker service. */
export type DecodedConvoAIService = DecodedBase<9>;
/** A decoded STT marker service. */
export type DecodedSttService = DecodedBase<10>;

/** A service read from an AccessToken2. */
export type DecodedService =
  | DecodedRtcService
  | DecodedRtmService
  | DecodedStreamingService
  | DecodedFpaService
  | DecodedChatService
  | DecodedFCdnService
  | DecodedApaasService
  | DecodedRtm2Service
  | DecodedConvoAIService
  | DecodedSttService;

const isDigits = (key: string): boolean => {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) < 48 || key.charCodeAt(i) > 57) return false;
  return key.length > 0;
};

const isPairIterable = (value: object): value is Iterable<readonly [number, number]> =>
  typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

/** Validates privileges (ids u16, values u32); shared with the 006 encoder, whose values are absolute times. */
export function privilegeMap(input: PrivilegeInput | undefined, path: string): Map<number, number> {
  const map = new Map<number, number>();
  if (input === undefined) return map;
  if (input === null || typeof input !== 'object') {
    throw new TokenError('ERR_INVALID_PRIVILEGE', `"${path}" must be an object of privilege id → expire, got ${describe(input)}`);
  }
  // Runs for every privilege of every token: field names are built only when a check fails, and
  // plain objects are walked in place (own keys, in Object.entries order) rather than copied.
  const add = (id: unknown, expire: unknown): void => {
    if (!isUint(id, 16)) assertUint(id, 16, `${path} id`, 'ERR_INVALID_PRIVILEGE');
    if (!isUint(expire, 32)) assertUint(expire, 32, `${path}[${id}]`, 'ERR_INVALID_EXPIRE');
    map.set(id, expire);
  };
  if (isPairIterable(input)) {
    for (const pair of input) {
      const isPair = Array.isArray(pair) && pair.length === 2;
      add(isPair ? pair[0] : NaN, isPair ? pair[1] : NaN);
    }
  } else {
    for (const key in input) {
      if (Object.prototype.hasOwnProperty.call(input, key)) add(isDigits(key) ? Number(key) : NaN, (input as Record<string, unknown>)[key]);
    }
  }
  if (map.size > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"${path}" has more than 65535 privileges`);
  return map;
}

function rtm2Permissions(input: unknown, path: string): Map<number, Map<number, readonly string[]>> {
  const byResource = new Map<number, Map<number, readonly string[]>>();
  if (input === undefined || input === null) return byResource;
  if (!Array.isArray(input)) {
    throw new TokenError('ERR_INVALID_ARGUMENT', `"${path}" must be a list of { resourceType, permissionType, resources }`);
  }
  input.forEach((entry: Partial<Rtm2PermissionEntry> | null, i) => {
    const at = `${path}[${i}]`;
    if (entry === null || typeof entry !== 'object') {
      throw new TokenError('ERR_INVALID_ARGUMENT', `"${at}" must be { resourceType, permissionType, resources }`);
    }
    const { resourceType, permissionType, resources } = entry;
    assertUint(resourceType, 16, `${at}.resourceType`, 'ERR_INVALID_ARGUMENT');
    assertUint(permissionType, 16, `${at}.permissionType`, 'ERR_INVALID_ARGUMENT');
    if (!Array.isArray(resources)) {
      throw new TokenError('ERR_INVALID_ARGUMENT', `"${at}.resources" must be a list of strings, got ${describe(resources)}`);
    }
    if (resources.length > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"${at}.resources" has more than 65535 names`);
    resources.forEach((name, j) => assertString(name, `${at}.resources[${j}]`));
    let perms = byResource.get(resourceType);
    if (!perms) byResource.set(resourceType, (perms = new Map()));
    perms.set(permissionType, [...resources]);
  });
  return byResource;
}

const ascending = <V>(map: Map<number, V>): [number, V][] => [...map].sort((a, b) => a[0] - b[0]);

/** Writes one service record (docs/format.md §2.3), validating every field on the way. */
export function packService(w: ByteWriter, spec: ServiceSpec, path: string): void {
  if (spec === null || typeof spec !== 'object') {
    throw new TokenError('ERR_INVALID_SERVICE', `"${path}" must be a service object, got ${describe(spec)}`);
  }
  const type: unknown = spec.type;
  assertUint(type, 16, `${path}.type`, 'ERR_INVALID_SERVICE');
  w.u16(type).privileges(privilegeMap(spec.privileges, `${path}.privileges`));
  const s = spec as { [K in 'channelName' | 'roomUuid' | 'uid' | 'account' | 'userId' | 'userUuid' | 'role' | 'permissions']?: unknown };
  const str = (field: 'channelName' | 'roomUuid'): void => {
    assertString(s[field], `${path}.${field}`);
    w.string(s[field], `${path}.${field}`);
  };
  const id = (field: 'uid' | 'account' | 'userId' | 'userUuid'): void => {
    w.string(uidString(s[field], `${path}.${field}`), `${path}.${field}`);
  };
  switch (type) {
    case ServiceType.Rtc:
      str('channelName');
      id('uid');
      break;
    case ServiceType.Streaming:
    case ServiceType.FCdn:
      str('channelName');
      id('account');
      break;
    case ServiceType.Rtm:
    case ServiceType.Chat:
      id('userId');
      break;
    case ServiceType.Apaas: {
      str('roomUuid');
      id('userUuid');
      const role = s.role;
      if (typeof role !== 'number' || !Number.isInteger(role) || role < -32768 || role > 32767) {
        throw new TokenError('ERR_INVALID_ROLE', `"${path}.role" must be an integer from -32768 to 32767, got ${describe(role)}`);
      }
      w.u16(role & 0xffff);
      break;
    }
    case ServiceType.Rtm2: {
      id('userId');
      const perms = ascending(rtm2Permissions(s.permissions, `${path}.permissions`));
      if (perms.length > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"${path}.permissions" has too many resource types`);
      w.u16(perms.length);
      for (const [resourceType, byPermission] of perms) {
        w.u16(resourceType).u16(byPermission.size);
        for (const [permissionType, names] of ascending(byPermission)) {
          w.u16(permissionType).u16(names.length);
          for (const name of names) w.string(name, `${path}.permissions`);
        }
      }
      break;
    }
    default:
      // FPA, ConvoAI, STT and custom types carry no fields.
      break;
  }
}

/** Whether a decoder knows the layout of `type` and can read past it. */
export const isKnownServiceType = (type: number): boolean => type >= 1 && type <= 10;

/** Reads the record of a known service type, after its `u16 type`. */
export function readService(r: ByteReader, type: number): DecodedService {
  const privileges = r.privileges('privileges');
  switch (type) {
    case ServiceType.Rtc:
      return { type, privileges, channelName: r.string('channelName'), uid: r.string('uid') };
    case ServiceType.Streaming:
    case ServiceType.FCdn:
      return { type, privileges, channelName: r.string('channelName'), account: r.string('account') };
    case ServiceType.Rtm:
    case ServiceType.Chat:
      return { type, privileges, userId: r.string('userId') };
    case ServiceType.Apaas:
      return { type, privileges, roomUuid: r.string('roomUuid'), userUuid: r.string('userUuid'), role: r.i16('role') };
    case ServiceType.Rtm2: {
      const userId = r.string('userId');
      // Kept in wire order, a repeated pair replacing the earlier list as Go's map does.
      const grants = new Map<number, Map<number, string[]>>();
      const resourceCount = r.u16('permission count');
      for (let i = 0; i < resourceCount; i++) {
        const resourceType = r.u16('resource type');
        let perms = grants.get(resourceType);
        if (!perms) grants.set(resourceType, (perms = new Map()));
        const permissionCount = r.u16('permission type count');
        for (let j = 0; j < permissionCount; j++) {
          const permissionType = r.u16('permission type');
          const names: string[] = [];
          const nameCount = r.u16('resource count');
          for (let k = 0; k < nameCount; k++) names.push(r.string('resource name'));
          perms.set(permissionType, names);
        }
      }
      const permissions: Rtm2PermissionEntry[] = [];
      for (const [resourceType, perms] of ascending(grants)) {
        for (const [permissionType, resources] of ascending(perms)) permissions.push({ resourceType, permissionType, resources });
      }
      return { type, privileges, userId, permissions };
    }
    default:
      return { type: type as 4 | 9 | 10, privileges };
  }
}
