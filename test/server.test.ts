import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  decodeToken,
  type DecodedToken007,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
  TokenError,
  verifyToken,
} from '../src/index.js';
import { createTokenHandler, type TokenClaims, type TokenHandlerOptions } from '../src/server/index.js';

const appId = '3c5e1d7f0a9b4c2e8d6f1a0b9c8d7e6f';
const appCertificate = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW_MS = 1_767_225_600_123;
const issueTs = Math.floor(NOW_MS / 1000);
const salt = 4242;
const fixed = { issueTs, salt };

const handlerWith = (options: Partial<TokenHandlerOptions> = {}) =>
  createTokenHandler({ appId, appCertificate, authorize: () => true, now: () => NOW_MS, salt: () => salt, ...options });

const entries = (headers: Headers): [string, string][] => {
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return list;
};

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

/** Calls the handler and checks what every answer must satisfy: JSON (or empty), no certificate anywhere. */
async function call(handler: (r: Request) => Promise<Response>, request: Request): Promise<Answer> {
  const response = await handler(request);
  const text = await response.text();
  const everything = `${text} ${JSON.stringify(entries(response.headers))}`.toLowerCase();
  expect(everything).not.toContain(appCertificate.toLowerCase());
  const body = text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
  if (body !== null) {
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body.code).toBe(String(response.status));
  }
  return { status: response.status, headers: response.headers, body };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://tokens.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const guideBody = { uid: 123, ChannelName: 'ChannelA', role: 1 };

describe('POST /fetch_rtc_token (the guide endpoint)', () => {
  it('answers the guide request with a verifiable publisher token in the guide response shape', async () => {
    const { status, body, headers } = await call(handlerWith(), post('/fetch_rtc_token', guideBody));
    expect(status).toBe(200);
    expect(Object.keys(body!).sort()).toEqual(['code', 'token']);
    expect(headers.get('cache-control')).toBe('no-store');
    const token = body!.token as string;
    expect(verifyToken(token, appCertificate)).toBe(true);
    expect(token).toBe(RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'ChannelA', 123, 1, 3600, 3600, fixed));
    const decoded = decodeToken(token);
    expect(decoded).toMatchObject({ version: '007', appId, issueTs, expire: 3600, salt });
  });

  it.each([
    [1, 'publisher', [1, 2, 3, 4]],
    [2, 'subscriber', [1]],
    [0, 'old attendee, mapped to publisher', [1, 2, 3, 4]],
    [101, 'old admin, mapped to publisher', [1, 2, 3, 4]],
  ])('role %d (%s) grants privileges %j', async (role, _label, privileges) => {
    const { status, body } = await call(handlerWith(), post('/fetch_rtc_token', { ...guideBody, role }));
    expect(status).toBe(200);
    const rtc = (decodeToken(body!.token as string) as DecodedToken007).services[0]!;
    expect(Object.keys(rtc.privileges).map(Number)).toEqual(privileges);
  });

  it('passes role and expiries to authorize and honours explicit expiries', async () => {
    const seen: TokenClaims[] = [];
    const handler = handlerWith({ authorize: (_r, claims) => (seen.push(claims), true) });
    const { body } = await call(handler, post('/fetch_rtc_token', { ...guideBody, role: 0, tokenExpire: 40, privilegeExpire: 30 }));
    expect(seen).toEqual([{ endpoint: '/fetch_rtc_token', channelName: 'ChannelA', uid: 123, role: 1, expire: 40 }]);
    expect(body!.token).toBe(RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'ChannelA', 123, 1, 40, 30, fixed));
  });

  it('takes a string uid as a user account', async () => {
    const { body } = await call(handlerWith(), post('/fetch_rtc_token', { ...guideBody, uid: 'alice' }));
    expect(body!.token).toBe(RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'ChannelA', 'alice', 1, 3600, 3600, fixed));
  });

  it('builds a 006 token when configured, with absolute privilege times', async () => {
    const handler = handlerWith({ rtcTokenVersion: '006' });
    for (const [role, ids] of [
      [1, ['1', '2', '3', '4']],
      [2, ['1']],
    ] as const) {
      const { status, body } = await call(handler, post('/fetch_rtc_token', { ...guideBody, role, tokenExpire: 600 }));
      expect(status).toBe(200);
      const token = body!.token as string;
      expect(token.startsWith('006' + appId)).toBe(true);
      expect(verifyToken(token, appCertificate, { channelName: 'ChannelA', uid: 123 })).toBe(true);
      expect(verifyToken(token, appCertificate, { channelName: 'ChannelB', uid: 123 })).toBe(false);
      const decoded = decodeToken(token);
      expect(decoded).toMatchObject({ version: '006', salt, ts: issueTs + 86_400 });
      const privileges = (decoded as { privileges: Record<number, number> }).privileges;
      expect(Object.keys(privileges)).toEqual(ids);
      expect(new Set(Object.values(privileges))).toEqual(new Set([issueTs + 600]));
    }
  });
});

describe('the endpoints of the other builders', () => {
  const rtcRtm = {
    channelName: 'room',
    rtcAccount: 'agent',
    rtcRole: 1,
    rtcTokenExpire: 900,
    joinChannelPrivilegeExpire: 800,
    pubAudioPrivilegeExpire: 700,
    pubVideoPrivilegeExpire: 600,
    pubDataStreamPrivilegeExpire: 0,
    rtmUserId: 'agent-rtm',
    rtmTokenExpire: 500,
  };
  const rtcRtmArgs = ['room', 'agent', 1, 900, 800, 700, 600, 0, 'agent-rtm', 500] as const;
  const permissions = [{ resourceType: 1, permissionType: 1, resources: ['s1', 's2'] }];
  const cases: [string, Record<string, unknown>, () => string][] = [
    [
      '/fetch_rtc_token_with_privileges',
      { channelName: 'room', uid: 7, tokenExpire: 1000, joinChannelPrivilegeExpire: 900, pubAudioPrivilegeExpire: 0, pubVideoPrivilegeExpire: 300, pubDataStreamPrivilegeExpire: 200 },
      () => RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 7, 1000, 900, 0, 300, 200, fixed),
    ],
    ['/fetch_rtc_rtm_token', rtcRtm, () => RtcTokenBuilder.buildTokenWithRtm2(appId, appCertificate, ...rtcRtmArgs, fixed)],
    ['/fetch_convoai_token', rtcRtm, () => ConvoAITokenBuilder.buildToken(appId, appCertificate, ...rtcRtmArgs, fixed)],
    ['/fetch_stt_token', rtcRtm, () => SttTokenBuilder.buildToken(appId, appCertificate, ...rtcRtmArgs, fixed)],
    ['/fetch_rtm_token', { userId: 'alice', expire: 120 }, () => RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', 120, fixed)],
    [
      '/fetch_rtm2_token',
      { userId: 'alice', permissions, expire: 120 },
      () => RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'alice', permissions, 120, fixed),
    ],
    ['/fetch_chat_user_token', { userId: 'alice', expire: 60 }, () => ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 60, fixed)],
    ['/fetch_chat_app_token', { expire: 60 }, () => ChatTokenBuilder.buildAppToken(appId, appCertificate, 60, fixed)],
    ['/fetch_fpa_token', {}, () => FpaTokenBuilder.buildToken(appId, appCertificate, fixed)],
    [
      '/fetch_apaas_room_user_token',
      { roomUuid: 'class-1', userUuid: 'bob', role: 2, expire: 300 },
      () => ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'class-1', 'bob', 2, 300, fixed),
    ],
    ['/fetch_apaas_user_token', { userUuid: 'bob', expire: 300 }, () => ApaasTokenBuilder.buildUserToken(appId, appCertificate, 'bob', 300, fixed)],
    ['/fetch_apaas_app_token', { expire: 300 }, () => ApaasTokenBuilder.buildAppToken(appId, appCertificate, 300, fixed)],
  ];

  it.each(cases)('%s builds what the matching builder builds', async (path, body, expected) => {
    const { status, body: answer } = await call(handlerWith(), post(path, body));
    expect(status).toBe(200);
    expect(answer!.token).toBe(expected());
    expect(verifyToken(answer!.token as string, appCertificate)).toBe(true);
  });

  it('defaults omitted expiries to defaultExpire', async () => {
    const { body } = await call(handlerWith({ defaultExpire: 77 }), post('/fetch_rtm_token', { userId: 'alice' }));
    expect(decodeToken(body!.token as string)).toMatchObject({ expire: 77 });
  });

  it('GET /healthz answers ok', async () => {
    const { status, body } = await call(handlerWith(), new Request('http://tokens.test/healthz'));
    expect([status, body!.status]).toEqual([200, 'ok']);
  });

  it('serves under basePath and nowhere else', async () => {
    const handler = handlerWith({ basePath: '/api' });
    expect((await call(handler, post('/api/fetch_rtc_token', guideBody))).status).toBe(200);
    expect((await call(handler, post('/fetch_rtc_token', guideBody))).status).toBe(404);
    expect((await call(handler, post('/apifetch_rtc_token', guideBody))).status).toBe(404);
  });
});

describe('refusals', () => {
  const expectError = async (request: Request, status: number, mentions: string, handler = handlerWith()) => {
    const { status: got, body } = await call(handler, request);
    expect({ status: got, error: body!.error }).toEqual({ status, error: expect.stringContaining(mentions) });
    expect(Object.keys(body!).sort()).toEqual(['code', 'error']);
  };

  it('404 for an unknown path', () => expectError(post('/token', guideBody), 404, '"/token"'));

  it('405 with Allow for a wrong method', async () => {
    await expectError(new Request('http://tokens.test/fetch_rtc_token'), 405, 'takes POST');
    const { headers } = await call(handlerWith(), new Request('http://tokens.test/fetch_rtc_token', { method: 'PUT', body: '{}' }));
    expect(headers.get('allow')).toBe('POST, OPTIONS');
    await expectError(post('/healthz', {}), 405, 'takes GET');
  });

  it('204 with Allow for a plain OPTIONS', async () => {
    const { status, headers } = await call(handlerWith(), new Request('http://tokens.test/fetch_rtc_token', { method: 'OPTIONS' }));
    expect([status, headers.get('allow')]).toEqual([204, 'POST, OPTIONS']);
  });

  it('415 for a body that is not declared JSON', async () => {
    await expectError(post('/fetch_rtc_token', guideBody, { 'content-type': 'text/plain' }), 415, 'text/plain');
    const bare = new Request('http://tokens.test/fetch_rtc_token', { method: 'POST', body: new Uint8Array([123, 125]) });
    await expectError(bare, 415, 'none');
    expect((await call(handlerWith(), post('/fetch_rtc_token', guideBody, { 'content-type': 'Application/JSON; charset=UTF-8' }))).status).toBe(200);
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ ...guideBody, ChannelName: 'x'.repeat(2000) });
    await expectError(post('/fetch_rtc_token', big), 413, '1024 bytes', handlerWith({ maxBodyBytes: 1024 }));
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(512).fill(32));
      },
    });
    const streamed = new Request('http://tokens.test/fetch_rtc_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await expectError(streamed, 413, '1024 bytes', handlerWith({ maxBodyBytes: 1024 }));
    expect(pulls).toBeLessThan(10);
  });

  it('400 for a body that breaks off', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"uid": 1'));
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request('http://tokens.test/fetch_rtc_token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: broken, duplex: 'half' } as RequestInit);
    await expectError(request, 400, 'could not be read');
  });

  it.each([
    ['{"uid": 123, "ChannelName": ', 'not valid JSON'],
    ['[1, 2]', 'must be a JSON object, got an array'],
    ['null', 'got null'],
    ['"text"', 'got string'],
    ['', 'not valid JSON'],
  ])('400 for the body %j', (body, mentions) => expectError(post('/fetch_rtc_token', body), 400, mentions));

  it('400 for bytes that are not UTF-8', () =>
    expectError(
      new Request('http://tokens.test/fetch_rtc_token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      400,
      'UTF-8',
    ));

  it.each([
    [{ ...guideBody, uid: true }, '"uid" must be a number or a string, got boolean'],
    [{ ...guideBody, uid: -1 }, '"uid" must be an integer from 0 to 4294967295'],
    [{ ...guideBody, uid: 1.5 }, '"uid" must be an integer'],
    [{ ...guideBody, uid: 2 ** 32 }, '"uid" must be an integer'],
    [{ ...guideBody, ChannelName: 5 }, '"ChannelName" must be a string, got number'],
    [{ ...guideBody, ChannelName: '' }, '"ChannelName" must not be empty'],
    [{ ...guideBody, ChannelName: 'room/1' }, '"ChannelName": channel name may contain only'],
    [{ ...guideBody, ChannelName: 'c'.repeat(64) }, '"ChannelName": channel name is 64 bytes'],
    [{ ...guideBody, uid: 'a'.repeat(256) }, '"uid": user account is 256 bytes'],
    [{ ...guideBody, role: 3 }, '"role" must be 1 (publisher) or 2 (subscriber), got 3'],
    [{ ...guideBody, role: '1' }, '"role" must be 1 (publisher) or 2 (subscriber), got string'],
    [{ uid: 123, role: 1 }, '"ChannelName" is required'],
    [{ ...guideBody, channelName: 'ChannelA' }, 'unknown field "channelName"'],
    [{ ...guideBody, tokenExpire: 86_401 }, '"tokenExpire" must be an integer number of seconds from 1 to 86400, got 86401'],
    [{ ...guideBody, tokenExpire: 0 }, '"tokenExpire" must be an integer number of seconds from 1'],
    [{ ...guideBody, privilegeExpire: '60' }, '"privilegeExpire" must be an integer number of seconds from 1 to 86400, got string'],
  ])('400 naming the field for %j', (body, mentions) => expectError(post('/fetch_rtc_token', body), 400, mentions));

  it.each([
    ['/fetch_rtm_token', { userId: 'u'.repeat(65) }, '"userId": RTM user id is 65 bytes'],
    ['/fetch_rtc_rtm_token', { channelName: 'room', rtcAccount: 'a', rtcRole: 1, rtmUserId: 'u'.repeat(65) }, '"rtmUserId": RTM user id is 65 bytes'],
    ['/fetch_rtc_rtm_token', { channelName: 'room', rtcAccount: 'a', rtcRole: 9, rtmUserId: 'a' }, '"rtcRole" must be 1'],
    ['/fetch_rtm2_token', { userId: 'a', permissions: {} }, '"permissions" must be an array, got object'],
    ['/fetch_rtm2_token', { userId: 'a', permissions: [{ resourceType: 70000, permissionType: 0, resources: [] }] }, '"permissions[0].resourceType"'],
    ['/fetch_rtm2_token', { userId: 'a', permissions: [{ resourceType: 0, permissionType: 0, resources: 'lobby' }] }, '"permissions[0].resources" must be an array of strings'],
    ['/fetch_rtm2_token', { userId: 'a', permissions: [{ resourceType: 0, permissionType: 0, resources: [], extra: 1 }] }, 'unknown field "permissions[0].extra"'],
    ['/fetch_apaas_room_user_token', { roomUuid: 'r', userUuid: 'u', role: 40_000 }, '"role" must be an integer from -32768 to 32767'],
    ['/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 1, pubAudioPrivilegeExpire: -1 }, '"pubAudioPrivilegeExpire" must be an integer number of seconds from 0'],
    ['/fetch_fpa_token', { expire: 60 }, 'unknown field "expire"'],
    ['/fetch_chat_app_token', { expire: 3601 }, 'from 1 to 3600', ],
  ])('%s: 400 for %j', (path, body, mentions) => expectError(post(path, body), 400, mentions, handlerWith({ maxExpire: 3600 })));

  it('403 when authorize refuses or throws, with nothing of what it threw', async () => {
    await expectError(post('/fetch_rtc_token', guideBody), 403, 'not authorized', handlerWith({ authorize: () => false }));
    await expectError(post('/fetch_rtc_token', guideBody), 403, 'not authorized', handlerWith({ authorize: async () => Promise.resolve(false) }));
    const throwing = handlerWith({
      authorize: () => {
        throw new Error('session store unreachable at 10.0.0.5');
      },
    });
    const { body } = await call(throwing, post('/fetch_rtc_token', guideBody));
    expect(body).toEqual({ code: '403', error: 'not authorized to get this token' });
    // Only `true` allows: a truthy non-boolean from a sloppy authorize still refuses.
    await expectError(post('/fetch_rtc_token', guideBody), 403, 'not authorized', handlerWith({ authorize: () => 'yes' as unknown as boolean }));
  });

  it('authorize sees the request and the validated claims', async () => {
    const handler = handlerWith({
      authorize: (request, claims) => request.headers.get('authorization') === 'Bearer alice' && claims.uid === 'alice' && claims.channelName === 'ChannelA',
    });
    const body = { ...guideBody, uid: 'alice' };
    expect((await call(handler, post('/fetch_rtc_token', body, { authorization: 'Bearer alice' }))).status).toBe(200);
    expect((await call(handler, post('/fetch_rtc_token', body, { authorization: 'Bearer bob' }))).status).toBe(403);
    expect((await call(handler, post('/fetch_rtc_token', { ...body, uid: 'bob' }, { authorization: 'Bearer alice' }))).status).toBe(403);
  });

  it('never answers 500 or echoes the certificate, whatever the body, and gives a token only for a valid guide body', async () => {
    const handler = handlerWith();
    const guideLike = fc.record(
      {
        uid: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant(null)),
        ChannelName: fc.oneof(fc.constantFrom('ChannelA', 'room 1', 'c'.repeat(63)), fc.string(), fc.integer()),
        role: fc.oneof(fc.constantFrom(0, 1, 2, 101), fc.integer({ min: -2, max: 200 }), fc.string()),
      },
      { requiredKeys: [] },
    );
    // Written from docs/server.md, not from the server's code: which guide fields a body gets wrong.
    const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
    const wrongGuideFields = (body: Record<string, unknown>): string[] =>
      [
        ['uid', typeof body.uid === 'string' ? utf8Bytes(body.uid) <= 255 : Number.isInteger(body.uid) && (body.uid as number) >= 0 && (body.uid as number) <= 0xffffffff],
        ['ChannelName', typeof body.ChannelName === 'string' && /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/.test(body.ChannelName) && utf8Bytes(body.ChannelName) < 64],
        ['role', [0, 1, 2, 101].includes(body.role as number)],
      ]
        .filter(([, right]) => !right)
        .map(([name]) => name as string);
    await fc.assert(
      fc.asyncProperty(guideLike, async (value) => {
        const { status, body } = await call(handler, post('/fetch_rtc_token', value));
        const wrong = wrongGuideFields(value);
        if (wrong.length === 0) {
          expect(status).toBe(200);
          expect(verifyToken(body!.token as string, appCertificate)).toBe(true);
        } else {
          expect(status).toBe(400);
          expect(wrong.map((name) => `"${name}"`)).toContain(/^"\w+"/.exec(body!.error as string)![0]);
        }
      }),
      { numRuns: 500 },
    );
    // Arbitrary JSON lacks the fields every one of these endpoints requires, under names it never uses.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/fetch_rtc_token', '/fetch_rtc_rtm_token', '/fetch_rtm2_token', '/fetch_apaas_room_user_token'), fc.jsonValue(), async (path, value) => {
        expect((await call(handler, post(path, JSON.stringify(value) ?? ''))).status).toBe(400);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CORS', () => {
  const origin = 'https://app.example.com';
  const preflight = (from: string | null) =>
    new Request('http://tokens.test/fetch_rtc_token', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type', ...(from === null ? {} : { origin: from }) },
    });

  it('sends no CORS headers by default (same-origin only)', async () => {
    const { status, headers } = await call(handlerWith(), post('/fetch_rtc_token', guideBody, { origin }));
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(handlerWith(), preflight(origin))).status).toBe(403);
  });

  it('allows a listed origin, on answers and errors alike', async () => {
    const handler = handlerWith({ allowedOrigins: [origin] });
    for (const request of [post('/fetch_rtc_token', guideBody, { origin }), post('/fetch_rtc_token', '{', { origin }), post('/nowhere', {}, { origin })]) {
      const { headers } = await call(handler, request);
      expect([headers.get('access-control-allow-origin'), headers.get('vary')]).toEqual([origin, 'origin']);
    }
  });

  it('refuses an unlisted origin', async () => {
    const handler = handlerWith({ allowedOrigins: [origin] });
    const { headers } = await call(handler, post('/fetch_rtc_token', guideBody, { origin: 'https://evil.example' }));
    expect([headers.get('access-control-allow-origin'), headers.get('vary')]).toEqual([null, 'origin']);
    const refused = await call(handler, preflight('https://evil.example'));
    expect([refused.status, refused.body!.error]).toEqual([403, 'origin "https://evil.example" is not allowed']);
    expect((await call(handler, preflight(null))).status).toBe(403);
  });

  it('answers an allowed preflight', async () => {
    const { status, headers } = await call(handlerWith({ allowedOrigins: [origin] }), preflight(origin));
    expect(status).toBe(204);
    expect(Object.fromEntries(entries(headers).filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
  });

  it("allows every origin only with an explicit '*'", async () => {
    const handler = handlerWith({ allowedOrigins: '*' });
    const { headers } = await call(handler, post('/fetch_rtc_token', guideBody, { origin: 'https://anywhere.example' }));
    expect([headers.get('access-control-allow-origin'), headers.get('vary')]).toEqual(['*', null]);
    expect((await call(handler, preflight('https://anywhere.example'))).status).toBe(204);
  });

  it.each([['*'], ['https://app.example.com/'], ['app.example.com'], ['https://*.example.com']])('refuses the origin entry %j', (entry) => {
    expect(() => handlerWith({ allowedOrigins: [entry] })).toThrow(TypeError);
  });
});

describe('allowedHosts', () => {
  const handler = handlerWith({ allowedHosts: ['tokens.test', '::1', 'LocalHost'] });
  const at = (origin: string) => new Request(`${origin}/fetch_rtc_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(guideBody) });

  it('answers the listed names, in any letter case and with any port', async () => {
    for (const origin of ['http://tokens.test', 'http://TOKENS.test:8082', 'http://[::1]:8082', 'http://localhost:1']) {
      expect((await call(handler, at(origin))).status).toBe(200);
    }
  });

  it('refuses any other name with 421 and no token, before reading the body', async () => {
    for (const origin of ['http://attacker.example:8082', 'http://tokens.test.attacker.example', 'http://127.0.0.1']) {
      const { status, body } = await call(handler, at(origin));
      expect([status, body]).toEqual([421, { code: '421', error: `this server does not answer to the host "${new URL(origin).hostname}"` }]);
    }
    const { status } = await call(handler, new Request('http://attacker.example/fetch_rtc_token', { method: 'POST', body: 'not json' }));
    expect(status).toBe(421);
  });

  it('answers every host when left out', async () => {
    expect((await call(handlerWith(), at('http://attacker.example'))).status).toBe(200);
  });

  it.each([[[]], [['']], [['*']], [['*.example.com']], [['https://tokens.test']], [['tokens.test:8082']], [['tokens.test/x']], [[42]], ['tokens.test']])('refuses %j', (allowedHosts) => {
    expect(() => handlerWith({ allowedHosts: allowedHosts as string[] })).toThrow(TypeError);
  });
});

describe('options', () => {
  it('refuses invalid credentials without echoing the certificate', () => {
    expect(() => handlerWith({ appId: 'nope' })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_ID' }));
    const secretish = 'zz' + appCertificate.slice(2);
    try {
      handlerWith({ appCertificate: secretish });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TokenError);
      expect((error as TokenError).message).not.toContain(secretish);
    }
  });

  it('needs authorize', () => {
    expect(() => createTokenHandler({ appId, appCertificate } as TokenHandlerOptions)).toThrow(/"authorize" must be a function/);
  });

  it.each([
    [{ maxExpire: 86_401 }, RangeError],
    [{ maxExpire: 600, defaultExpire: 601 }, RangeError],
    [{ maxBodyBytes: 0 }, RangeError],
    [{ rtcTokenVersion: '005' as '007' }, TypeError],
    [{ basePath: 'api' }, TypeError],
    [{ basePath: '/api/' }, TypeError],
    [{ allowedOrigins: 'https://app.example.com' as unknown as string[] }, TypeError],
  ])('refuses %j', (options, type) => {
    expect(() => handlerWith(options)).toThrow(type);
  });

  it('caps the default expiry at a lower maxExpire', async () => {
    const { body } = await call(handlerWith({ maxExpire: 600 }), post('/fetch_rtc_token', guideBody));
    expect(decodeToken(body!.token as string)).toMatchObject({ expire: 600 });
  });
});
