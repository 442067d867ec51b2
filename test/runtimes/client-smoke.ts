// `agora-token-kit/client` in every host: its names, and a real renewal through joinRtcWithToken
// with a stand-in RTC client and tokens from the library's builders. Short and deterministic: the
// SDK events drive it, and one own-schedule renewal of a 2 s token waits 1 s of real time.
import type * as ClientLibrary from '../../src/client/index.js';
import type { Lib } from '../support/vector-suite.js';

export type Client = typeof ClientLibrary;

export interface ClientCase {
  name: string;
  run: () => Promise<void>;
}

const appId = '970CA35de60c44645bbae8a215061b33';
const cert = '5CFd2fd1755d40ecb72977518be15d3b';

function fail(message: string): never {
  throw new Error(message);
}

/** An IAgoraRTCClient stand-in that records its calls. */
function fakeRtcClient() {
  const listeners = new Map<string, () => void>();
  const calls: string[] = [];
  const client = {
    connectionState: 'DISCONNECTED',
    async join(_appId: string, _channel: string, _token: string | null, uid?: number | string | null) {
      calls.push('join');
      client.connectionState = 'CONNECTED';
      return uid ?? 7;
    },
    async renewToken() {
      calls.push('renewToken');
    },
    async leave() {
      calls.push('leave');
    },
    on: (event: string, listener: () => void) => void listeners.set(event, listener),
    off: (event: string) => void listeners.delete(event),
  };
  const emit = (event: string) => (listeners.get(event) ?? fail(`no listener for ${event}`))();
  return { client, calls, listeners, emit };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

export function clientCases(lib: Lib, client: Client): ClientCase[] {
  const token = (expire: number) => lib.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 1, expire, expire);
  return [
    {
      name: 'exports',
      run: async () => {
        for (const name of ['createTokenRenewer', 'joinRtcWithToken', 'loginRtmWithToken', 'openChatWithToken', 'TokenError'] as const) {
          if (typeof client[name] !== 'function') fail(`${name} is ${typeof client[name]}`);
        }
      },
    },
    {
      name: 'joinRtcWithToken: join, will-expire → renewToken, did-expire → join again, leave',
      run: async () => {
        const { client: rtc, calls, listeners, emit } = fakeRtcClient();
        const reasons: string[] = [];
        const session = await client.joinRtcWithToken(rtc, {
          appId,
          channel: 'room',
          uid: 42,
          fetchToken: ({ reason }) => (reasons.push(reason), token(600)),
        });
        if (session.uid !== 42) fail(`uid ${String(session.uid)}`);
        emit('token-privilege-will-expire');
        await settle();
        rtc.connectionState = 'DISCONNECTED';
        emit('token-privilege-did-expire');
        await settle();
        await session.leave();
        if (reasons.join() !== 'initial,renew,expired') fail(`fetch reasons ${reasons.join()}`);
        if (calls.join() !== 'join,renewToken,join,leave') fail(`SDK calls ${calls.join()}`);
        if (listeners.size !== 0) fail(`${listeners.size} listeners left`);
      },
    },
    {
      name: 'createTokenRenewer: a 2 s token renewed on its own schedule',
      run: async () => {
        const applied: string[] = [];
        const renewer = client.createTokenRenewer({ fetchToken: () => token(2), applyToken: (_, reason) => void applied.push(reason) });
        await renewer.start();
        for (let waited = 0; applied.length < 2 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        renewer.stop();
        if (applied.join() !== 'initial,renew') fail(`applied ${applied.join()}`);
      },
    },
    {
      name: 'an undecodable token rejects start() with a TokenError',
      run: async () => {
        const renewer = client.createTokenRenewer({ fetchToken: () => 'not a token', applyToken: () => fail('applied') });
        const error = await renewer.start().then(
          () => fail('start() resolved'),
          (e: unknown) => e,
        );
        if (!(error instanceof lib.TokenError) || error.code !== 'ERR_UNSUPPORTED_VERSION') fail(`rejected with ${String(error)}`);
      },
    },
  ];
}
