// Builder smoke for every host: each static builder method with the real clock and a random salt
// (the vectors fix both), then decode and verify. It proves that the host has what the library
// needs at run time (crypto.getRandomValues, Date), which fixed-input vectors cannot show.
import type { Lib, Lib006 } from '../support/vector-suite.js';

export interface SmokeCase {
  name: string;
  run: () => void;
}

const appId = '970CA35de60c44645bbae8a215061b33';
const cert = '5CFd2fd1755d40ecb72977518be15d3b';
const otherCert = '0123456789abcdef0123456789abcdef';

type Call = (lib: Lib) => unknown[];

/** Arguments after (appId, appCertificate) for every 007 builder method, keyed `Class.method`. */
const calls: Record<string, Call> = {
  'RtcTokenBuilder.buildTokenWithUid': () => ['room', 42, 1, 3600, 3600],
  'RtcTokenBuilder.buildTokenWithUserAccount': () => ['room', 'alice', 2, 3600, 3600],
  'RtcTokenBuilder.buildTokenWithUidAndPrivilege': () => ['room', 42, 3600, 3600, 1800, 1800, 600],
  'RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege': () => ['room', 'alice', 3600, 3600, 1800, 1800, 600],
  'RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege': () => ['room', 'alice', 3600, 3600, 1800, 1800, 600],
  'RtcTokenBuilder.buildTokenWithRtm': () => ['room', 'alice', 1, 3600, 3600],
  'RtcTokenBuilder.buildTokenWithRtm2': () => ['room', 'alice', 1, 3600, 3600, 3600, 3600, 3600, 'alice-rtm', 3600],
  'RtmTokenBuilder.buildToken': () => ['alice', 3600],
  'RtmTokenBuilder.buildTokenWithPermissions': (lib) => {
    const perms = new lib.Rtm2Permissions();
    perms.add(lib.Rtm2Permissions.kMessageChannels, lib.Rtm2Permissions.kRead, ['lobby']);
    return ['alice', perms, 3600];
  },
  'ChatTokenBuilder.buildUserToken': () => ['alice', 3600],
  'ChatTokenBuilder.buildAppToken': () => [3600],
  'FpaTokenBuilder.buildToken': () => [],
  'ApaasTokenBuilder.buildRoomUserToken': () => ['room-1', 'alice', 1, 3600],
  'ApaasTokenBuilder.buildUserToken': () => ['alice', 3600],
  'ApaasTokenBuilder.buildAppToken': () => [3600],
  'EducationTokenBuilder.buildRoomUserToken': () => ['room-1', 'alice', 1, 3600],
  'EducationTokenBuilder.buildUserToken': () => ['alice', 3600],
  'EducationTokenBuilder.buildAppToken': () => [3600],
  'ConvoAITokenBuilder.buildToken': () => ['room', 'agent', 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600],
  'SttTokenBuilder.buildToken': () => ['room', 'stt-bot', 2, 3600, 3600, 0, 0, 0, 'stt-bot', 3600],
};

/** 006 builders (agora-token-kit/006): arguments after the credentials, and what verification needs. */
const calls006: Record<string, (at: number) => { args: unknown[]; channelName: string; uid: string | number }> = {
  'RtcTokenBuilder.buildTokenWithUid': (at) => ({ args: ['room', 42, 1, at], channelName: 'room', uid: 42 }),
  'RtcTokenBuilder.buildTokenWithAccount': (at) => ({ args: ['room', 'alice', 2, at], channelName: 'room', uid: 'alice' }),
  'RtcTokenBuilder.buildTokenWithUidAndPrivilege': (at) => ({ args: ['room', 42, at, at, at, at], channelName: 'room', uid: 42 }),
  'RtcTokenBuilder.buildTokenWithAccountAndPrivilege': (at) => ({ args: ['room', 'alice', at, at, at, at], channelName: 'room', uid: 'alice' }),
  // RTM 006 tokens sign the account in the channel slot, with no uid.
  'RtmTokenBuilder.buildToken': (at) => ({ args: ['alice', 1, at], channelName: 'alice', uid: '' }),
};

type Method = (...args: unknown[]) => string;

/** Static methods of a class, inherited ones included (EducationTokenBuilder extends Apaas). */
function staticMethods(cls: object): string[] {
  const names = new Set<string>();
  for (let c: object | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as object | null) {
    for (const key of Object.getOwnPropertyNames(c)) {
      if (typeof (c as Record<string, unknown>)[key] === 'function' && key !== 'constructor') names.add(key);
    }
  }
  return [...names];
}

function fail(message: string): never {
  throw new Error(message);
}

/** `context` is what a 006 token needs to be verified: the channel and uid it was signed for. */
function checkToken(lib: Lib, token: unknown, again: unknown, context?: { channelName: string; uid: string | number }): void {
  if (typeof token !== 'string' || token.length < 40) fail(`returned ${String(token).slice(0, 40)}`);
  if (token === again) fail('two calls returned the same token: the salt is not random');
  const decoded = lib.decodeToken(token);
  if (decoded.appId !== appId) fail(`decoded appId ${decoded.appId}`);
  // 007 carries the issue time; 006 only its expiry, 24 h after the issue time.
  const issued = decoded.version === '007' ? decoded.issueTs : decoded.ts - 86_400;
  const age = Date.now() / 1000 - issued;
  if (age < -5 || age > 60) fail(`the token was not issued now (${issued})`);
  if (!lib.verifyToken(token, cert, context)) fail('verifyToken rejected the token with its own certificate');
  if (lib.verifyToken(token, otherCert, context)) fail('verifyToken accepted another certificate');
}

/** Every static builder method of `module` that ends in TokenBuilder, once per class. */
function builderMethods(module: object): { name: string; fn: Method }[] {
  const out: { name: string; fn: Method }[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, cls] of Object.entries(module)) {
    // Aliases such as RtcTokenBuilder2 are the same class: smoke it once.
    if (!exportName.endsWith('TokenBuilder') || typeof cls !== 'function' || seen.has(cls)) continue;
    seen.add(cls);
    for (const method of staticMethods(cls)) out.push({ name: `${exportName}.${method}`, fn: (cls as unknown as Record<string, Method>)[method] as Method });
  }
  return out;
}

/** One case per builder method each entry exports, plus `buildToken`, `AccessToken` and the error path. */
export function smokeCases(lib: Lib, lib006: Lib006): SmokeCase[] {
  const cases: SmokeCase[] = [];
  for (const { name, fn } of builderMethods(lib)) {
    const args = calls[name];
    cases.push({
      name,
      run: args
        ? () => checkToken(lib, fn(appId, cert, ...args(lib)), fn(appId, cert, ...args(lib)))
        : () => fail(`no smoke arguments for ${name}: add them to test/runtimes/smoke.ts`),
    });
  }
  for (const { name, fn } of builderMethods(lib006)) {
    const call = calls006[name];
    cases.push({
      name: `006 ${name}`,
      run: () => {
        if (!call) return fail(`no smoke arguments for 006 ${name}: add them to test/runtimes/smoke.ts`);
        const { args, channelName, uid } = call(Math.floor(Date.now() / 1000) + 3600);
        checkToken(lib, fn(appId, cert, ...args), fn(appId, cert, ...args), { channelName, uid });
      },
    });
  }
  cases.push({
    name: '006 AccessToken',
    run: () => {
      const at = Math.floor(Date.now() / 1000) + 600;
      const make = () => new lib006.AccessToken(appId, cert, 'room', 7).addPrivilege(lib006.privileges.kJoinChannel, at).build();
      checkToken(lib, make(), make(), { channelName: 'room', uid: 7 });
    },
  });
  cases.push({
    name: 'buildToken',
    run: () => {
      const spec = () => ({
        appId,
        appCertificate: cert,
        expire: 600,
        services: [{ type: lib.ServiceType.Rtc, channelName: 'room', uid: 7, privileges: { 1: 600 } }],
      });
      checkToken(lib, lib.buildToken(spec() as Parameters<Lib['buildToken']>[0]), lib.buildToken(spec() as Parameters<Lib['buildToken']>[0]));
    },
  });
  cases.push({
    name: 'TokenError',
    run: () => {
      try {
        lib.RtcTokenBuilder.buildTokenWithUid('not-an-app-id', cert, 'room', 42, 1, 3600, 3600);
      } catch (e) {
        if (!(e instanceof lib.TokenError)) fail(`threw ${String(e)}, not a TokenError`);
        if (e.code !== 'ERR_INVALID_APP_ID') fail(`code ${e.code}`);
        if (e.message.includes(cert)) fail('the message contains the App Certificate');
        return;
      }
      fail('an invalid App ID was accepted');
    },
  });
  return cases;
}
