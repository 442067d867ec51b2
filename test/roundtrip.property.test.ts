import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildToken, type ServiceSpec, verifyToken } from '../src/index.js';
import { decode007 } from './support/decode007.js';

const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const text = fc.string({ unit: 'grapheme', maxLength: 24 });
const id = fc.oneof(text, u32);
const privileges = fc.dictionary(u16.map(String), u32, { maxKeys: 5 });

const service: fc.Arbitrary<ServiceSpec> = fc.oneof(
  fc.record({ type: fc.constant(1 as const), channelName: text, uid: id, privileges }),
  fc.record({ type: fc.constant(2 as const), userId: id, privileges }),
  fc.record({ type: fc.constantFrom(3 as const, 6 as const), channelName: text, account: id, privileges }),
  fc.record({ type: fc.constantFrom(4 as const, 9 as const, 10 as const), privileges }),
  fc.record({ type: fc.constant(5 as const), userId: id, privileges }),
  fc.record({ type: fc.constant(7 as const), roomUuid: text, userUuid: id, role: fc.integer({ min: -32768, max: 32767 }), privileges }),
  fc.record({
    type: fc.constant(8 as const),
    userId: id,
    privileges,
    permissions: fc.array(fc.record({ resourceType: fc.integer({ min: 0, max: 4 }), permissionType: fc.integer({ min: 0, max: 1 }), resources: fc.array(text, { maxLength: 3 }) }), {
      maxLength: 4,
    }),
  }),
) as fc.Arbitrary<ServiceSpec>;

const spec = fc.record({
  appId: hex32,
  appCertificate: hex32,
  issueTs: u32,
  expire: u32,
  salt: u32,
  services: fc.array(service, { minLength: 1, maxLength: 5 }),
});

const asId = (v: string | number) => (v === 0 ? '' : String(v));

/** What decoding must give back for one service spec (the packing rules of docs/format.md §2.3–2.4). */
function expected(s: ServiceSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s, privileges: Object.fromEntries(Object.entries(s.privileges ?? {}).map(([k, v]) => [k, v])) };
  for (const key of ['uid', 'account', 'userId', 'userUuid'] as const) if (key in s) out[key] = asId((s as unknown as Record<string, string | number>)[key]!);
  if ('permissions' in s) {
    const last = new Map<string, string[]>();
    for (const p of s.permissions ?? []) last.set(`${p.resourceType}:${p.permissionType}`, [...p.resources]);
    out.permissions = [...last]
      .map(([k, resources]) => ({ resourceType: Number(k.split(':')[0]), permissionType: Number(k.split(':')[1]), resources }))
      .sort((a, b) => a.resourceType - b.resourceType || a.permissionType - b.permissionType);
  }
  return out;
}

describe('build → decode → verify, for random valid input of every service', () => {
  it('gives back every field, services sorted by type (stable)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const token = buildToken(s);
        const decoded = decode007(token);
        expect(decoded).toMatchObject({ version: '007', appId: s.appId, issueTs: s.issueTs, expire: s.expire, salt: s.salt });
        const sorted = s.services.map((x, i) => [x, i] as const).sort((a, b) => a[0].type - b[0].type || a[1] - b[1]);
        expect(decoded.services).toEqual(sorted.map(([x]) => expected(x)));
      }),
      { numRuns: 300 },
    );
  });

  it('verifies with its certificate and with no other', () => {
    fc.assert(
      fc.property(spec, hex32, (s, other) => {
        fc.pre(other !== s.appCertificate);
        const token = buildToken(s);
        expect(verifyToken(token, s.appCertificate)).toBe(true);
        expect(verifyToken(token, other)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
