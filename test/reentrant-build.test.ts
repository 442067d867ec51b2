import { describe, expect, it } from 'vitest';
import { RtcTokenBuilder as RtcTokenBuilder006 } from '../src/006.js';
import {
  buildToken,
  decodeToken,
  RtcTokenBuilder,
  RtmTokenBuilder,
  type Rtm2PermissionEntry,
  type ServiceSpec,
  type Token006Spec,
  type Token007Spec,
  verifyToken,
} from '../src/index.js';

// The builders write into module-level scratch. A getter, proxy or iterator in the caller's input
// that builds another token while the outer build reads its input must leave the outer token exactly
// what the same input without the side trip gives.

const appId = '3327194369a09232ae4bc396b00f86ff';
const cert = '3cc7461c96496a9a6af39be6805a28d1';
const fixed = { issueTs: 1_700_000_000, salt: 12345 };

const innerSpec: Token007Spec = {
  appId: 'aaaabbbbccccddddeeeeffff00001111',
  appCertificate: 'ffffeeeeddddccccbbbbaaaa99998888',
  expire: 60,
  issueTs: 1_600_000_000,
  salt: 7,
  services: [{ type: 1, channelName: 'inner-channel-with-a-longer-name', uid: 999, privileges: { 1: 60, 2: 60, 3: 60, 4: 60 } }],
};
const innerSpec006: Token006Spec = {
  version: '006',
  appId: innerSpec.appId,
  appCertificate: innerSpec.appCertificate,
  channelName: 'inner-006',
  uid: 5,
  salt: 9,
  ts: 1_700_086_400,
  privileges: { 1: 1_700_086_400 },
};

/** Returns a side trip that builds both inner tokens and records them, to check they are right too. */
function sideTrip(): { run: () => void; tokens: string[] } {
  const tokens: string[] = [];
  return { tokens, run: () => void tokens.push(buildToken(innerSpec), buildToken(innerSpec006)) };
}

/** Checks the side trip ran and built the same inner tokens as a plain call. */
function expectInnerTokens(tokens: string[]): void {
  expect(tokens.length).toBeGreaterThan(0);
  const expected = [buildToken(innerSpec), buildToken(innerSpec006)];
  for (let i = 0; i < tokens.length; i += 2) expect(tokens.slice(i, i + 2)).toEqual(expected);
}

const rtc = (): ServiceSpec => ({ type: 1, channelName: 'outer', uid: 42, privileges: { 1: 3600, 2: 3600 } });
const rtm = (): ServiceSpec => ({ type: 2, userId: 'alice', privileges: { 1: 3600 } });
const outerSpec = (services: readonly ServiceSpec[]): Token007Spec => ({ appId, appCertificate: cert, expire: 3600, ...fixed, services });

/** `value` behind a getter that takes the side trip first. */
function withGetter<T extends object>(target: T, key: string, trip: () => void): T {
  const value = (target as Record<string, unknown>)[key];
  return Object.defineProperty({ ...target }, key, {
    enumerable: true,
    get() {
      trip();
      return value;
    },
  });
}

/** A proxy whose every property read takes the side trip. */
const tripping = <T extends object>(target: T, trip: () => void): T =>
  new Proxy(target, {
    get(t, key, receiver) {
      trip();
      return Reflect.get(t, key, receiver) as unknown;
    },
  });

describe('a build that another build interrupts', () => {
  const reference = buildToken(outerSpec([rtc(), rtm()]));

  it.each([
    ['a service field getter', (trip: () => void) => outerSpec([withGetter(rtc(), 'channelName', trip), rtm()])],
    ['a uid getter in the last service', (trip: () => void) => outerSpec([rtc(), withGetter(rtm(), 'userId', trip)])],
    ['a privileges getter', (trip: () => void) => outerSpec([rtc(), withGetter(rtm(), 'privileges', trip)])],
    [
      'a privileges iterator',
      (trip: () => void) => {
        const pairs: Iterable<[number, number]> = {
          *[Symbol.iterator]() {
            yield [1, 3600];
            trip();
            yield [2, 3600];
          },
        };
        return outerSpec([{ ...rtc(), privileges: pairs } as ServiceSpec, rtm()]);
      },
    ],
    ['a proxied service list', (trip: () => void) => outerSpec(tripping([rtc(), rtm()], trip))],
    ['a proxied service', (trip: () => void) => outerSpec([rtc(), tripping(rtm(), trip)])],
    ['a proxied spec', (trip: () => void) => tripping(outerSpec([rtc(), rtm()]), trip)],
    ['an issueTs getter', (trip: () => void) => withGetter(outerSpec([rtc(), rtm()]), 'issueTs', trip)],
  ])('007 buildToken through %s gives the token of a plain call', (_name, makeSpec) => {
    const { run, tokens } = sideTrip();
    const token = buildToken(makeSpec(run));
    expect(token).toBe(reference);
    expectInnerTokens(tokens);
  });

  it('the outer token keeps its own channel and verifies with its own certificate', () => {
    const { run } = sideTrip();
    const token = buildToken(outerSpec([withGetter(rtc(), 'channelName', run)]));
    const decoded = decodeToken(token);
    expect(decoded).toMatchObject({ appId, issueTs: fixed.issueTs, salt: fixed.salt, services: [{ channelName: 'outer', uid: '42' }] });
    expect(verifyToken(token, cert)).toBe(true);
  });

  it('RTM2 permissions whose entries build a token pack the given grants', () => {
    const entry: Rtm2PermissionEntry = { resourceType: 1, permissionType: 2, resources: ['a', 'b'] };
    const plain = RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [entry], 600, fixed);
    const { run, tokens } = sideTrip();
    const token = RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [tripping(entry, run)], 600, fixed);
    expect(token).toBe(plain);
    expectInnerTokens(tokens);
  });

  it('a positional builder whose options build a token gives the token of a plain call', () => {
    const plain = RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 1, 3600, 3600, fixed);
    const { run, tokens } = sideTrip();
    const token = RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 1, 3600, 3600, tripping(fixed, run));
    expect(token).toBe(plain);
    expectInnerTokens(tokens);
  });

  it.each([
    ['a channel getter', 'channelName'],
    ['a uid getter', 'uid'],
    ['a privileges getter', 'privileges'],
    ['a salt getter', 'salt'],
  ])('006 buildToken through %s gives the token of a plain call', (_name, key) => {
    const spec: Token006Spec = { version: '006', appId, appCertificate: cert, channelName: 'room', uid: 42, salt: 3, ts: 1_700_003_600, privileges: { 1: 1_700_003_600 } };
    const plain = buildToken(spec);
    const { run, tokens } = sideTrip();
    expect(buildToken(withGetter(spec, key, run))).toBe(plain);
    expect(buildToken(tripping(spec, run))).toBe(plain);
    expectInnerTokens(tokens);
  });

  it('a 006 positional builder whose options build a token gives the token of a plain call', () => {
    const options = { salt: 3, ts: 1_700_003_600 };
    const plain = RtcTokenBuilder006.buildTokenWithUid(appId, cert, 'room', 42, 1, 1_700_003_600, options);
    const { run, tokens } = sideTrip();
    expect(RtcTokenBuilder006.buildTokenWithUid(appId, cert, 'room', 42, 1, 1_700_003_600, tripping(options, run))).toBe(plain);
    expectInnerTokens(tokens);
  });

  it('a getter that returns a valid value once and a bad one later cannot slip the bad one past the checks', () => {
    // Each field is read once: the value checked is the value packed.
    let reads = 0;
    const flip = <T>(good: T, bad: unknown) => () => (reads++ === 0 ? good : bad);
    const salty = Object.defineProperty(outerSpec([rtc()]), 'salt', { get: flip(5, 2 ** 40) });
    expect(decodeToken(buildToken(salty))).toMatchObject({ salt: 5 });
    reads = 0;
    const service = Object.defineProperty(rtc(), 'channelName', { get: flip('outer', 42) });
    expect(decodeToken(buildToken(outerSpec([service])))).toMatchObject({ services: [{ channelName: 'outer' }] });
    reads = 0;
    const names = ['a'];
    const resources = new Proxy(names, { get: (t, k, r) => (k === '0' && reads++ > 0 ? 7 : Reflect.get(t, k, r)) as unknown });
    const token = RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [{ resourceType: 1, permissionType: 1, resources }], 600, fixed);
    expect(decodeToken(token)).toMatchObject({ services: [{ permissions: [{ resources: ['a'] }] }] });
  });
});
