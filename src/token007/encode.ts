import { TokenError } from '../errors.js';
import { base64Encode } from '../lib/base64.js';
import { zlibCompress } from '../lib/deflate.js';
import { hmacSha256, signingKey007 } from '../lib/hmac.js';
import { randomSalt } from '../lib/random.js';
import { assertAppId, assertCertificate, assertUint } from '../lib/validate.js';
import { ByteWriter } from '../lib/writer.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { type ServiceRecord, serviceRecord, type ServiceSpec, writeService } from './services.js';

/** What an AccessToken2 is built from. */
export interface Token007Spec {
  /** Omitted or `'007'`. */
  version?: '007';
  appId: string;
  appCertificate: string;
  /** Unix time in seconds; defaults to now. */
  issueTs?: number;
  /** Token lifetime in seconds after issueTs. */
  expire: number;
  /** Defaults to a random value from `crypto.getRandomValues`. */
  salt?: number;
  /** At least one; packed sorted by type, stable, nothing merged. */
  services: readonly ServiceSpec[];
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

// The signature (str, 34 bytes) precedes the signed bytes; signingInfo is written after room for it.
const SIGNATURE_FIELD = 34;
const writer = /* @__PURE__ */ new ByteWriter(1024);
const signature = /* @__PURE__ */ new Uint8Array(32);

/** Builds a "007" token. Reads and validates everything first; throws {@link TokenError} on bad input. */
export function encode007(spec: Token007Spec): string {
  if (spec === null || typeof spec !== 'object') throw new TokenError('ERR_INVALID_ARGUMENT', 'the token spec must be an object');
  // Every field is read once and checked before the first byte is written: a getter or proxy in the
  // spec may itself build a token, which reuses the module writer below.
  const { appId, appCertificate, expire, services, issueTs: givenIssueTs, salt: givenSalt } = spec;
  assertAppId(appId);
  assertCertificate(appCertificate);
  assertUint(expire, 32, 'expire', 'ERR_INVALID_EXPIRE');
  const issueTs = givenIssueTs ?? nowSeconds();
  assertUint(issueTs, 32, 'issueTs', 'ERR_INVALID_TIMESTAMP');
  if (givenSalt !== undefined) assertUint(givenSalt, 32, 'salt', 'ERR_INVALID_SALT');
  if (!Array.isArray(services) || services.length === 0) {
    throw new TokenError('ERR_NO_SERVICE', 'a token needs at least one service in "services"');
  }
  const count = services.length;
  if (count > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', '"services" has more than 65535 entries');
  const records: ServiceRecord[] = [];
  for (let i = 0; i < count; i++) records.push(serviceRecord(services[i]!, `services[${i}]`));
  // Array.prototype.sort is stable, so services of one type keep their insertion order (docs/format.md §2.6).
  if (count > 1) records.sort((a, b) => a.type - b.type);
  const salt = givenSalt ?? randomSalt();

  const w = writer.reset();
  w.pos = SIGNATURE_FIELD;
  w.string(appId, 'appId').u32(issueTs).u32(expire).u32(salt).u16(count);
  for (const record of records) writeService(w, record);
  if (w.pos > MAX_PAYLOAD_BYTES) {
    throw new TokenError('ERR_TOKEN_TOO_LONG', `the token payload would be ${w.pos} bytes; at most ${MAX_PAYLOAD_BYTES} can be parsed by every Agora implementation`);
  }

  const payload = w.view();
  hmacSha256(signingKey007(appCertificate, issueTs, salt), payload.subarray(SIGNATURE_FIELD), signature);
  payload[0] = 32;
  payload[1] = 0;
  payload.set(signature, 2);
  return '007' + base64Encode(zlibCompress(payload));
}
