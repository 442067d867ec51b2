// The `doctor` diagnosis as a pure function of the token, the caller's context and the clock: no
// Node APIs, so it can run anywhere the library runs.
import {
  checkRtcInputs,
  checkRtmInputs,
  decodeToken,
  type DecodedRtcService,
  type DecodedToken,
  type DecodedToken006,
  type DecodedToken007,
  type Finding,
  TokenError,
  verifyToken,
} from '../index.js';
import { utf8Encode } from '../lib/bytes.js';
import { crc32 } from '../lib/crc32.js';
import { privilegeName, SERVICE_NAMES } from './token-view.js';
import { span } from './time.js';

/** What the caller knows about how the token is used; everything but `token` and `now` is optional. */
export interface DoctorInput {
  token: string;
  /** Unix seconds to judge expiry at. */
  now: number;
  expectVersion?: '006' | '007';
  appId?: string;
  appCertificate?: string;
  channelName?: string;
  /** The numeric uid the client joins with (0 = let the SDK pick one). */
  uid?: number;
  /** The string user account the client joins with. */
  account?: string;
  role?: 'publisher' | 'subscriber';
}

/** Codes found by `doctor` itself; the rest come from `checkRtcInputs`/`checkRtmInputs`. */
export const DOCTOR_CODES = [
  'TOKEN_MALFORMED',
  'TOKEN_TRUNCATED',
  'TOKEN_URL_MANGLED',
  'TOKEN_EXTRA_CHARACTERS',
  'VERSION_MISMATCH',
  'APP_ID_MISMATCH',
  'SIGNATURE_MISMATCH',
  'SIGNATURE_NOT_CHECKED',
  'TOKEN_EXPIRED',
  'TOKEN_EXPIRING_SOON',
  'PRIVILEGE_EXPIRED',
  'PRIVILEGE_EXPIRING_SOON',
  'NO_RTC_SERVICE',
  'CHANNEL_MISMATCH',
  'UID_MISMATCH',
  'UID_ZERO_JOIN',
  'UID_LOOKALIKE',
  'NO_PUBLISH_PRIVILEGE',
] as const;

/** Every code a doctor finding can carry. */
export type DoctorCode = (typeof DOCTOR_CODES)[number] | Finding['code'];

/** One reason Agora would refuse (error) or may limit (warning) the token, with a one-line fix. */
export interface DoctorFinding {
  code: DoctorCode;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

/** A token that still has less than this left is reported as expiring soon. */
const EXPIRING_SOON_SECONDS = 600;

// One-line fixes for the documented-rule findings of `checkRtcInputs`/`checkRtmInputs`.
const RULE_FIXES: Record<Finding['code'], string> = {
  CHANNEL_NAME_EMPTY: 'give the channel a name',
  CHANNEL_NAME_TOO_LONG: 'use a channel name shorter than 64 bytes',
  CHANNEL_NAME_CHARSET: 'use only a-z, A-Z, 0-9, space and !#$%&()+-:;<=.>?@[]^_{}|~, in channel names',
  UID_OUT_OF_RANGE: 'use a uid from 1 to 4294967295',
  UID_WILDCARD: 'build one token per user with their real uid unless any user may join with it',
  ACCOUNT_EMPTY: 'build the token for the user account the client joins with',
  ACCOUNT_TOO_LONG: 'use a user account of at most 255 bytes',
  USER_ID_EMPTY: 'build the token for the user id the client logs in with',
  USER_ID_TOO_LONG: 'use an RTM user id of at most 64 bytes',
  ROLE_UNKNOWN: 'use role 1 (publisher) or 2 (subscriber)',
  ROLE_DEPRECATED: 'use role 1 (publisher) or 2 (subscriber)',
  EXPIRE_TOO_LONG: 'build tokens for at most 24 h (86400 s) and renew them before they expire',
  EXPIRE_ZERO: 'pass an explicit lifetime in seconds, e.g. 3600',
  PRIVILEGE_OUTLIVES_TOKEN: 'give privileges at most the token lifetime',
};

const error = (code: DoctorCode, message: string, fix: string): DoctorFinding => ({ code, severity: 'error', message, fix });
const warning = (code: DoctorCode, message: string, fix: string): DoctorFinding => ({ code, severity: 'warning', message, fix });

const decodes = (token: string): boolean => {
  try {
    decodeToken(token);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why the token cannot be decoded, and a repaired token when the damage is a known transport
 * mistake (URL encoding, surrounding quotes or spaces), so that the other checks can still run.
 */
function undecodable(token: string, cause: unknown): { finding: DoctorFinding; repaired?: string } {
  const unquoted = token.trim().replace(/^(["'`])(.*)\1$/s, '$2').trim();
  if (unquoted !== token && decodes(unquoted)) {
    return {
      finding: error('TOKEN_EXTRA_CHARACTERS', 'the token has surrounding spaces, newlines or quotes', 'pass the token text only, without quotes or whitespace'),
      repaired: unquoted,
    };
  }
  const plus = token.replaceAll(' ', '+');
  if (plus !== token && decodes(plus)) {
    return {
      finding: error('TOKEN_URL_MANGLED', 'every "+" of the token became a space: it was put in a URL query without encoding', 'encode the token with encodeURIComponent before putting it in a URL'),
      repaired: plus,
    };
  }
  let unescaped: string | undefined;
  try {
    unescaped = decodeURIComponent(token);
  } catch {
    unescaped = undefined;
  }
  if (unescaped !== undefined && unescaped !== token && decodes(unescaped)) {
    return {
      finding: error('TOKEN_URL_MANGLED', 'the token is still percent-encoded (%2B, %2F, %3D)', 'URL-decode the token once before passing it to the SDK'),
      repaired: unescaped,
    };
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  const body = token.slice(token.startsWith('006') ? 35 : 3);
  if (/^00[67]/.test(token) && /^[A-Za-z0-9+/]*={0,2}$/.test(body) && (body.length % 4 !== 0 || token.length < 36)) {
    return {
      finding: error('TOKEN_TRUNCATED', `the token is cut short (${token.length} characters; ${reason})`, 'copy the whole token; if it travels in a URL or header, check nothing cuts it'),
    };
  }
  return { finding: error('TOKEN_MALFORMED', `the token cannot be decoded: ${reason}`, 'pass a token built by an Agora token builder, whole and unchanged') };
}

/**
 * Diagnoses a token: every reason Agora would refuse it, one finding each, in the order a join
 * fails (format, version, app ID, signature, expiry, channel, uid, privileges, documented rules),
 * errors before warnings.
 *
 * @param input - the token, the clock and whatever the caller knows about its intended use
 * @returns the findings; none when nothing is wrong
 * @throws {@link TokenError} `ERR_INVALID_APP_CERTIFICATE` when `appCertificate` is not 32 hex characters
 */
export function diagnose(input: DoctorInput): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  let token = input.token;
  let decoded: DecodedToken;
  try {
    decoded = decodeToken(token);
  } catch (e) {
    if (!(e instanceof TokenError)) throw e;
    const { finding, repaired } = undecodable(token, e);
    findings.push(finding);
    if (repaired === undefined) return findings;
    token = repaired;
    decoded = decodeToken(token);
  }
  if (input.expectVersion && decoded.version !== input.expectVersion) {
    findings.push(
      error(
        'VERSION_MISMATCH',
        `this is a ${decoded.version} token, but ${input.expectVersion} is expected`,
        decoded.version === '006'
          ? 'build an AccessToken2 (007) token with the 007 builders of agora-token-kit'
          : 'build a 006 token, or update the client SDK to one that accepts 007 tokens',
      ),
    );
  }
  if (input.appId !== undefined && decoded.appId !== input.appId) {
    const caseOnly = decoded.appId.toLowerCase() === input.appId.toLowerCase();
    findings.push(
      error(
        'APP_ID_MISMATCH',
        `the token is for app ID ${decoded.appId}, not ${input.appId}${caseOnly ? ' (they differ in letter case only)' : ''}`,
        'build the token with the App ID the client initialises the SDK with',
      ),
    );
  }
  findings.push(...signatureFindings(token, decoded, input));
  findings.push(...expiryFindings(decoded, input.now));
  findings.push(...(decoded.version === '006' ? rtc006Findings(decoded, input) : rtc007Findings(decoded.services, input)));
  if (decoded.version === '007') findings.push(...ruleFindings(decoded));
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}

function signatureFindings(token: string, d: DecodedToken, input: DoctorInput): DoctorFinding[] {
  const cert = input.appCertificate;
  if (cert === undefined) {
    return [
      warning(
        'SIGNATURE_NOT_CHECKED',
        'no App Certificate was given, so the signature was not checked',
        'pass --cert (or set AGORA_APP_CERTIFICATE) to check that the token was signed with your certificate',
      ),
    ];
  }
  const fix =
    cert.toLowerCase() === d.appId.toLowerCase()
      ? 'the certificate given is the App ID: use the App Certificate from Agora Console'
      : 'use the primary App Certificate of this app from Agora Console (a changed or secondary certificate signs differently)';
  if (d.version === '007') {
    return verifyToken(token, cert) ? [] : [error('SIGNATURE_MISMATCH', 'the signature does not match this App Certificate', fix)];
  }
  const uid = input.uid ?? input.account;
  if (input.channelName === undefined || uid === undefined) {
    return [
      warning(
        'SIGNATURE_NOT_CHECKED',
        'a 006 signature covers the channel name and uid, which the token does not store',
        'pass --channel and --uid (or --account) to check the certificate too',
      ),
    ];
  }
  // A channel or uid mismatch is reported on its own; the signature can only be judged when both match.
  if (!crcMatches(d, input.channelName, uidText(uid))) return [];
  return verifyToken(token, cert, { channelName: input.channelName, uid })
    ? []
    : [error('SIGNATURE_MISMATCH', 'the signature does not match this App Certificate', fix)];
}

const uidText = (uid: number | string): string => (uid === 0 ? '' : String(uid));
const crcOf = (text: string): number => crc32(utf8Encode(text));
const crcMatches = (d: DecodedToken006, channel: string, uid: string): boolean => d.crcChannelName === crcOf(channel) && d.crcUid === crcOf(uid);

function expiryFindings(d: DecodedToken, now: number): DoctorFinding[] {
  const expiresAt = d.version === '007' ? (d.expire === 0 ? null : d.issueTs + d.expire) : d.ts;
  if (expiresAt !== null && expiresAt <= now) {
    return [error('TOKEN_EXPIRED', `the token expired ${span(now - expiresAt)} ago`, 'build a new token, and renew tokens before they expire (onTokenPrivilegeWillExpire)')];
  }
  const out: DoctorFinding[] = [];
  if (expiresAt !== null && expiresAt - now < EXPIRING_SOON_SECONDS) {
    out.push(warning('TOKEN_EXPIRING_SOON', `the token expires in ${span(expiresAt - now)}`, 'renew it now, and build tokens with a longer lifetime'));
  }
  const groups: { service: string; expiresAt: number; names: string[] }[] = [];
  const collect = (service: string, name: string, at: number): void => {
    const group = groups.find((g) => g.service === service && g.expiresAt === at);
    if (group) group.names.push(name);
    else groups.push({ service, expiresAt: at, names: [name] });
  };
  if (d.version === '007') {
    for (const s of d.services) {
      for (const [id, value] of Object.entries(s.privileges)) {
        if (value !== 0) collect(SERVICE_NAMES[s.type]!, privilegeName(s.type, Number(id)), d.issueTs + value);
      }
    }
  } else {
    for (const [id, at] of Object.entries(d.privileges)) {
      if (at !== 0) collect('006', `privilege ${id}`, at);
    }
  }
  for (const g of groups) {
    const what = `${g.service} ${g.names.join(', ')}`;
    if (g.expiresAt <= now) {
      out.push(error('PRIVILEGE_EXPIRED', `${what} expired ${span(now - g.expiresAt)} ago, before the token`, 'build a new token with privilege expiries at least as long as the session'));
    } else if (g.expiresAt - now < EXPIRING_SOON_SECONDS) {
      out.push(warning('PRIVILEGE_EXPIRING_SOON', `${what} expires in ${span(g.expiresAt - now)}`, 'renew the token before then (onTokenPrivilegeWillExpire)'));
    }
  }
  return out;
}

/** What the client joins with, as the token's uid field would hold it. */
function joinIdentity(input: DoctorInput): { text: string; numeric: boolean } | undefined {
  if (input.uid !== undefined) return { text: uidText(input.uid), numeric: true };
  if (input.account !== undefined) return { text: input.account, numeric: false };
  return undefined;
}

function uidFindings(tokenUid: string, input: DoctorInput): DoctorFinding[] {
  const join = joinIdentity(input);
  if (join === undefined || tokenUid === '' || tokenUid === join.text) return [];
  const shown = JSON.stringify(tokenUid);
  if (join.numeric && join.text === '') {
    return [
      error(
        'UID_ZERO_JOIN',
        `the client joins with uid 0, so the SDK picks a random uid, but the token is only for uid ${shown}`,
        `join with uid ${shown}, or build the token with uid 0`,
      ),
    ];
  }
  const asNumber = (text: string): number | undefined => (/^\s*\+?\d+\s*$/.test(text) ? Number(text.trim()) : undefined);
  const tokenNumber = asNumber(tokenUid);
  if (tokenNumber !== undefined && tokenNumber === asNumber(join.text)) {
    return [
      error(
        'UID_LOOKALIKE',
        `the token's uid is the string ${shown}, which is not ${join.numeric ? 'uid' : 'account'} ${JSON.stringify(join.text)}: uids are compared as text`,
        `build the token with the uid exactly as the client joins (${JSON.stringify(join.text)})`,
      ),
    ];
  }
  const accountHint = join.numeric && tokenNumber === undefined ? ` (a user account: join with joinChannelWithUserAccount(${shown}))` : '';
  return [
    error(
      'UID_MISMATCH',
      `the token is for uid ${shown}${accountHint}, but the client joins as ${join.numeric ? 'uid' : 'account'} ${JSON.stringify(join.text)}`,
      'build the token for the uid or account the client joins with',
    ),
  ];
}

function channelFinding(tokenChannel: string, channel: string | undefined): DoctorFinding[] {
  if (channel === undefined || tokenChannel === channel) return [];
  const near = tokenChannel.trim().toLowerCase() === channel.trim().toLowerCase() ? ' (they differ only in letter case or spaces)' : '';
  return [
    error(
      'CHANNEL_MISMATCH',
      `the token is for channel ${JSON.stringify(tokenChannel)}, but the client joins ${JSON.stringify(channel)}${near}`,
      'build the token for the exact channel name the client joins',
    ),
  ];
}

const PUBLISH_PRIVILEGES = [2, 3, 4];

function publishFinding(has: (id: number) => boolean, input: DoctorInput): DoctorFinding[] {
  if (input.role !== 'publisher') return [];
  const missing = PUBLISH_PRIVILEGES.filter((id) => !has(id));
  if (missing.length === 0) return [];
  return [
    error(
      'NO_PUBLISH_PRIVILEGE',
      `the user must publish, but the token lacks ${missing.map((id) => privilegeName(1, id)).join(', ')}`,
      'build the token with role 1 (publisher)',
    ),
  ];
}

function rtc007Findings(services: readonly { type: number }[], input: DoctorInput): DoctorFinding[] {
  if (input.channelName === undefined && joinIdentity(input) === undefined && input.role === undefined) return [];
  const rtc = services.filter((s): s is DecodedRtcService => s.type === 1);
  const service = rtc.find((s) => s.channelName === input.channelName) ?? rtc[0];
  if (service === undefined) {
    return [error('NO_RTC_SERVICE', 'the token has no RTC service, so it cannot join a channel', 'build it with an RTC builder (RtcTokenBuilder)')];
  }
  return [
    ...channelFinding(service.channelName, input.channelName),
    ...uidFindings(service.uid, input),
    ...publishFinding((id) => id in service.privileges, input),
  ];
}

function rtc006Findings(d: DecodedToken006, input: DoctorInput): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  if (input.channelName !== undefined && d.crcChannelName !== crcOf(input.channelName)) {
    out.push(
      error(
        'CHANNEL_MISMATCH',
        `the token is not for channel ${JSON.stringify(input.channelName)} (its channel CRC-32 differs)`,
        'build the token for the exact channel name the client joins',
      ),
    );
  }
  const join = joinIdentity(input);
  if (join !== undefined && d.crcUid !== 0 && d.crcUid !== crcOf(join.text)) {
    out.push(
      join.numeric && join.text === ''
        ? error('UID_ZERO_JOIN', 'the client joins with uid 0, so the SDK picks a random uid, but the token is for one specific uid', 'join with the uid the token was built for, or build it with uid 0')
        : error('UID_MISMATCH', `the token is not for ${join.numeric ? 'uid' : 'account'} ${JSON.stringify(join.text)} (its uid CRC-32 differs)`, 'build the token for the uid or account the client joins with'),
    );
  }
  out.push(...publishFinding((id) => id in d.privileges, input));
  return out;
}

/** Agora's documented rules, applied to what the token holds. */
function ruleFindings(d: DecodedToken007): DoctorFinding[] {
  const rules: Finding[] = [];
  const rtc = d.services.filter((s): s is DecodedRtcService => s.type === 1);
  for (const s of rtc) {
    const privilegeExpire = Math.max(...Object.values(s.privileges), 0);
    rules.push(...checkRtcInputs({ channelName: s.channelName, uid: s.uid === '' ? 0 : s.uid, tokenExpire: d.expire, privilegeExpire }));
  }
  if (rtc.length === 0) rules.push(...checkRtcInputs({ tokenExpire: d.expire }));
  for (const s of d.services) {
    if (s.type === 2) rules.push(...checkRtmInputs({ userId: s.userId }));
  }
  const seen = new Set<string>();
  return rules
    .filter((f) => !seen.has(f.code + f.message) && seen.add(f.code + f.message))
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message, fix: RULE_FIXES[f.code] }));
}
