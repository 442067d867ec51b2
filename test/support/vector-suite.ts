// One vector suite for every host (vitest on Node, Deno, Bun, workerd, edge-runtime, Chromium):
// it imports nothing but fflate (as an independent inflater) and the vector data, and reports
// failures by throwing, so any runner can drive it.
import { unzlibSync } from 'fflate';
import type * as Library from '../../src/index.js';
import { type VectorGroup, type VectorTest, vectorFiles } from './vector-files.js';

export type Lib = typeof Library;

export interface VectorCase {
  file: string;
  name: string;
  /** Set when the case is not run, with the reason. */
  skip?: string;
  run: () => void;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Sorted-key JSON, so that comparisons do not depend on property order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export function fail(message: string): never {
  throw new Error(message);
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) fail(`${what} differs\n  actual:   ${a.slice(0, 600)}\n  expected: ${e.slice(0, 600)}`);
}

/** The 007 payload of a token: base64 after "007", inflated by fflate (not by the library under test). */
export function payload007(token: string): string {
  const b64 = token.slice(3);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return hex(unzlibSync(bytes));
}

function expectThrowsTokenError(lib: Lib, fn: () => unknown, what: string): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof lib.TokenError) return;
    fail(`${what}: expected a TokenError, got ${String(e)}`);
  }
  fail(`${what}: expected a TokenError, but it returned`);
}

function check007Token(lib: Lib, token: string, t: VectorTest): void {
  if (!token.startsWith('007')) fail(`token does not start with 007: ${token.slice(0, 12)}`);
  const payload = payload007(token);
  if (payload !== t.payloadHex) fail(`payload differs\n  actual:   ${payload}\n  expected: ${t.payloadHex}`);
  const { version, unknownServiceType, ...decoded } = lib.decodeToken(token) as Library.DecodedToken007;
  if (version !== '007') fail(`decoded version ${String(version)}`);
  expectEqual(decoded, t.decoded, 'decoded token');
  const stopsAtUnknown = t.flags.includes('UnknownServiceType');
  if (stopsAtUnknown !== (unknownServiceType !== undefined)) {
    fail(`unknownServiceType is ${String(unknownServiceType)} but the vector flags are ${t.flags.join(',')}`);
  }
  const cert = t.args.appCertificate as string;
  if (!lib.verifyToken(token, cert)) fail('verifyToken rejected the token built here');
}

/** Raw vector services carry privileges as `[id, expire]` pairs in call order. */
function serviceSpecs(t: VectorTest): Library.ServiceSpec[] {
  return (t.services ?? []).map((s) => ({ ...s, privileges: s.privileges as [number, number][] }) as unknown as Library.ServiceSpec);
}

function build007(lib: Lib, g: VectorGroup, t: VectorTest): () => string {
  if (g.type === 'AccessToken2Build') {
    const { appId, appCertificate, expire } = t.args as { appId: string; appCertificate: string; expire: number };
    return () => lib.buildToken({ appId, appCertificate, expire, issueTs: t.issueTs, salt: t.salt, services: serviceSpecs(t) });
  }
  const [className, method] = g.function.split('.') as [string, string];
  const builder = (lib as unknown as Record<string, Record<string, (...args: unknown[]) => string>>)[className];
  const fn = builder?.[method];
  if (!fn) return () => fail(`the library does not export ${g.function}`);
  // Detached on purpose: the methods must not depend on `this` (agora-token's do).
  return () => fn(...t.argsList, { issueTs: t.issueTs, salt: t.salt });
}

function parseVerdict(lib: Lib, token: string, verify: () => boolean): 'valid' | 'invalid' {
  try {
    lib.decodeToken(token);
    return verify() ? 'valid' : 'invalid';
  } catch (e) {
    if (e instanceof lib.TokenError) return 'invalid';
    throw e;
  }
}

/** Every vector as a runnable case, for one build of the library. */
export function vectorCases(lib: Lib, options: { with006: boolean }): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const [file, data] of Object.entries(vectorFiles)) {
    for (const g of data.testGroups) {
      for (const t of g.tests) {
        const name = `${g.function} #${t.tcId} ${t.comment}`;
        if (g.tokenVersion === '006' && !options.with006) {
          cases.push({ file, name, skip: 'AccessToken "006" is not implemented yet', run: () => undefined });
          continue;
        }
        cases.push({ file, name, run: () => runVector(lib, g, t) });
      }
    }
  }
  return cases;
}

function runVector(lib: Lib, g: VectorGroup, t: VectorTest): void {
  switch (g.type) {
    case 'AccessToken2Build':
    case 'TokenBuilder007': {
      const build = build007(lib, g, t);
      if (t.result === 'invalid') return expectThrowsTokenError(lib, build, 'invalid builder input');
      return check007Token(lib, build(), t);
    }
    case 'AccessToken2ParseVerify': {
      const { token, appCertificate } = t.args as { token: string; appCertificate: string };
      const verdict = parseVerdict(lib, token, () => lib.verifyToken(token, appCertificate));
      if (verdict !== t.result) fail(`verdict ${verdict}, expected ${t.result}`);
      if (verdict === 'valid') {
        const { version: _v, unknownServiceType: _u, ...decoded } = lib.decodeToken(token) as Library.DecodedToken007;
        // Types 9 and 10 are known here (agora-token 2.0.6), unknown to the Go reference.
        if (!t.flags.includes('UnknownServiceType') || !decoded.services.some((s) => s.type === 9 || s.type === 10)) {
          expectEqual(decoded, t.decoded, 'decoded token');
        }
      }
      return;
    }
    default:
      return fail(`no runner for group type ${g.type}`);
  }
}
