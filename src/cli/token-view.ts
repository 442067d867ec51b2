import { Privilege, ServiceType, type DecodedService, type DecodedToken, type DecodedToken006 } from '../index.js';
import type { Paint } from './output.js';
import { isoTime, relative, untilExpiry } from './time.js';

/** Service type → display name (docs/format.md §2.3). */
export const SERVICE_NAMES: Record<number, string> = {
  1: 'RTC',
  2: 'RTM',
  3: 'Streaming',
  4: 'FPA',
  5: 'Chat',
  6: 'FCDN',
  7: 'APaaS',
  8: 'RTM2',
  9: 'ConvoAI',
  10: 'STT',
};

const lowerFirst = (s: string): string => s[0]!.toLowerCase() + s.slice(1);

// Privilege names per service type, from the library's `Privilege` table (keyed like `ServiceType`).
const PRIVILEGE_NAMES: Record<number, Record<number, string>> = Object.fromEntries(
  Object.entries(Privilege).map(([service, ids]) => [
    ServiceType[service as keyof typeof Privilege],
    Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, lowerFirst(name)])),
  ]),
);

const PRIVILEGE_NAMES_006: Record<number, string> = {
  1: 'joinChannel',
  2: 'publishAudioStream',
  3: 'publishVideoStream',
  4: 'publishDataStream',
  101: 'administrateChannel',
  1000: 'rtmLogin',
};

/** A privilege's display name, or `privilege <id>` when it has none. */
export const privilegeName = (serviceType: number, id: number): string => PRIVILEGE_NAMES[serviceType]?.[id] ?? `privilege ${id}`;

/** The identifying fields of a service, for display: `channel "room", uid "42"`. */
export function serviceFields(s: DecodedService): string {
  const q = JSON.stringify;
  switch (s.type) {
    case 1:
      return `channel ${q(s.channelName)}, uid ${s.uid === '' ? '"" (0: any user)' : q(s.uid)}`;
    case 2:
    case 5:
      return `user ID ${q(s.userId)}`;
    case 3:
    case 6:
      return `channel ${q(s.channelName)}, account ${q(s.account)}`;
    case 7:
      return `room ${q(s.roomUuid)}, user ${q(s.userUuid)}, role ${s.role}`;
    case 8:
      return `user ID ${q(s.userId)}, ${s.permissions.length} permission ${s.permissions.length === 1 ? 'entry' : 'entries'}`;
    default:
      return '';
  }
}

const row = (label: string, value: string): string => `${label.padEnd(11)} ${value}`;

/** Formats an expiry moment; 0 is shown as such because no time was written. */
function expiryText(at: number | null, now: number, paint: Paint): string {
  if (at === null) return '0 (no expiry time written)';
  const text = `${isoTime(at)}  (${untilExpiry(at, now)})`;
  return at > now ? text : paint('red', text);
}

/**
 * The human-readable `decode` output: version, app ID, issue and expiry times (absolute and relative
 * to `now`), then every service with its fields and each privilege's expiry.
 */
export function describeToken(d: DecodedToken, now: number, paint: Paint): string[] {
  if (d.version === '006') return describe006(d, now, paint);
  const lines = [
    row('version', '007 (AccessToken2)'),
    row('app ID', d.appId),
    row('issued', `${isoTime(d.issueTs)}  (${relative(d.issueTs, now)})`),
    row('expires', `${expiryText(d.expire === 0 ? null : d.issueTs + d.expire, now, paint)}  ${paint('dim', `[expire ${d.expire} s]`)}`),
    row('salt', String(d.salt)),
    row('signature', d.signature),
    row('services', String(d.services.length)),
  ];
  for (const s of d.services) {
    const fields = serviceFields(s);
    lines.push(`  ${paint('bold', `${SERVICE_NAMES[s.type]} (type ${s.type})`)}${fields ? `  ${fields}` : ''}`);
    if (s.type === 8) {
      for (const p of s.permissions) lines.push(`    permission resource ${p.resourceType} / type ${p.permissionType}: ${JSON.stringify(p.resources)}`);
    }
    const ids = Object.keys(s.privileges).map(Number);
    if (ids.length === 0) lines.push(`    ${paint('dim', 'no privileges')}`);
    for (const id of ids) {
      const value = s.privileges[id]!;
      const name = `${privilegeName(s.type, id)} (${id})`.padEnd(26);
      lines.push(`    ${name} ${expiryText(value === 0 ? null : d.issueTs + value, now, paint)}  ${paint('dim', `[${value} s]`)}`);
    }
  }
  if (d.unknownServiceType !== undefined) {
    lines.push(`  ${paint('yellow', `service type ${d.unknownServiceType} is unknown: it and any later services are not shown`)}`);
  }
  return lines;
}

const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

function describe006(d: DecodedToken006, now: number, paint: Paint): string[] {
  const lines = [
    row('version', '006 (AccessToken)'),
    row('app ID', d.appId),
    row('expires', expiryText(d.ts, now, paint)),
    row('salt', String(d.salt)),
    row('signature', d.signature),
    row('channel', `CRC-32 ${hex32(d.crcChannelName)} ${paint('dim', '(006 stores only a checksum of the channel name)')}`),
    row('uid', `CRC-32 ${hex32(d.crcUid)}${d.crcUid === 0 ? ' (uid 0: any user)' : ''}`),
    row('privileges', String(Object.keys(d.privileges).length)),
  ];
  for (const [id, at] of Object.entries(d.privileges)) {
    const name = `${PRIVILEGE_NAMES_006[Number(id)] ?? `privilege ${id}`} (${id})`.padEnd(26);
    lines.push(`    ${name} ${expiryText(at === 0 ? null : at, now, paint)}`);
  }
  return lines;
}
