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

const ascending = <V>(map: Map<number, V>): [number, V][] => [...map].sort((a, b) => a[0] - b[0]);

/** RTM2 grants, ascending by resource type and then permission type (docs/format.md §2.4). */
type Rtm2Grants = [resourceType: number, byPermission: [permissionType: number, resources: readonly string[]][]][];

function rtm2Permissions(input: unknown, path: string): Rtm2Grants {
  const byResource = new Map<number, Map<number, readonly string[]>>();
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) {
    throw new TokenError('ERR_INVALID_ARGUMENT', `"${path}" must be a list of { resourceType, permissionType, resources }`);
  }
  input.forEach((entry: Partial<Rtm2PermissionEntry> | null, i) => {
    const at = `${path}[${i}]`;
    if (entry === null || typeof entry !== 'object') {
      throw new TokenError('ERR_INVALID_ARGUMENT', `"${at}" must be { resourceType, permissionType, resources }`);
    }
    const { resourceType, permissionType, resources: given } = entry;
    assertUint(resourceType, 16, `${at}.resourceType`, 'ERR_INVALID_ARGUMENT');
    assertUint(permissionType, 16, `${at}.permissionType`, 'ERR_INVALID_ARGUMENT');
    if (!Array.isArray(given)) {
      throw new TokenError('ERR_INVALID_ARGUMENT', `"${at}.resources" must be a list of strings, got ${describe(given)}`);
    }
    if (given.length > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"${at}.resources" has more than 65535 names`);
    // Copied before it is checked, so the names checked are the names packed.
    const resources: unknown[] = [...given];
    resources.forEach((name, j) => assertString(name, `${at}.resources[${j}]`));
    let perms = byResource.get(resourceType);
    if (!perms) byResource.set(resourceType, (perms = new Map()));
    perms.set(permissionType, resources as string[]);
  });
  const grants = ascending(byResource).map(([resourceType, perms]): Rtm2Grants[number] => [resourceType, ascending(perms)]);
  if (grants.length > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"${path}" has too many resource types`);
  return grants;
}

type StringField = 'channelName' | 'roomUuid' | 'uid' | 'account' | 'userId' | 'userUuid';

// The string fields of each known type (ServiceType), in wire order; the other types carry none.
// Literal keys: a computed `[ServiceType.Rtc]` is a property read, which would keep this table (and
// the builders) in decode-only bundles.
const STRING_FIELDS: Readonly<Record<number, readonly StringField[]>> = {
  1: ['channelName', 'uid'],
  2: ['userId'],
  3: ['channelName', 'account'],
  5: ['userId'],
  6: ['channelName', 'account'],
  7: ['roomUuid', 'userUuid'],
  8: ['userId'],
};
const NO_FIELDS: readonly StringField[] = [];

/**
 * A service spec read once and checked: plain data that the caller's getters, proxies and iterators
 * can no longer reach, so nothing they do (such as building another token) runs while bytes are
 * written into the shared writer.
 */
export interface ServiceRecord {
  type: number;
  path: string;
  privileges: Map<number, number>;
  /** Values of `STRING_FIELDS[type]`, ids already turned into text. */
  strings: string[];
  /** APaaS only: the role as a u16. */
  role: number;
  /** RTM2 only. */
  grants: Rtm2Grants;
}

/** Reads every field of one service (docs/format.md §2.3) exactly once, validating it; writes nothing. */
export function serviceRecord(spec: ServiceSpec, path: string): ServiceRecord {
  if (spec === null || typeof spec !== 'object') {
    throw new TokenError('ERR_INVALID_SERVICE', `"${path}" must be a service object, got ${describe(spec)}`);
  }
  const s = spec as { [K in 'type' | 'privileges' | StringField | 'role' | 'permissions']?: unknown };
  const type = s.type;
  assertUint(type, 16, `${path}.type`, 'ERR_INVALID_SERVICE');
  const privileges = privilegeMap(s.privileges as PrivilegeInput | undefined, `${path}.privileges`);
  const strings: string[] = [];
  for (const field of STRING_FIELDS[type] ?? NO_FIELDS) {
    const value = s[field];
    if (field === 'channelName' || field === 'roomUuid') {
      assertString(value, `${path}.${field}`);
      strings.push(value);
    } else strings.push(uidString(value, `${path}.${field}`));
  }
  let role = 0;
  if (type === ServiceType.Apaas) {
    const given = s.role;
    if (typeof given !== 'number' || !Number.isInteger(given) || given < -32768 || given > 32767) {
      throw new TokenError('ERR_INVALID_ROLE', `"${path}.role" must be an integer from -32768 to 32767, got ${describe(given)}`);
    }
    role = given & 0xffff;
  }
  const grants = type === ServiceType.Rtm2 ? rtm2Permissions(s.permissions, `${path}.permissions`) : [];
  return { type, path, privileges, strings, role, grants };
}

/** Writes one service record (docs/format.md §2.3); only string lengths can still fail here. */
export function writeService(w: ByteWriter, r: ServiceRecord): void {
  w.u16(r.type).privileges(r.privileges);
  const fields = STRING_FIELDS[r.type] ?? NO_FIELDS;
  for (let i = 0; i < fields.length; i++) w.string(r.strings[i]!, `${r.path}.${fields[i]}`);
  if (r.type === ServiceType.Apaas) w.u16(r.role);
  if (r.type === ServiceType.Rtm2) {
    w.u16(r.grants.length);
    for (const [resourceType, byPermission] of r.grants) {
      w.u16(resourceType).u16(byPermission.length);
      for (const [permissionType, names] of byPermission) {
        w.u16(permissionType).u16(names.length);
        for (const name of names) w.string(name, `${r.path}.permissions`);
      }
    }
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
