import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatConnectionLike,
  type ChatTokenHandlers,
  joinRtcWithToken,
  loginRtmWithToken,
  openChatWithToken,
  type RtcClientLike,
  type RtmClientLike,
  type RtmLinkStateLike,
  type TokenReason,
} from '../src/client/index.js';
import { appId, rtcToken } from './support/client-tokens.js';

type Listener = (...args: never[]) => void;

/** Listeners by event name, as the SDKs keep them. */
class Emitter {
  readonly listeners = new Map<string, Set<Listener>>();
  add(event: string, listener: Listener): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  remove(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** An IAgoraRTCClient stand-in: records calls; join assigns uid 7 when given none. */
class FakeRtcClient implements RtcClientLike {
  connectionState = 'DISCONNECTED';
  calls: [string, ...unknown[]][] = [];
  events = new Emitter();
  joinError: Error | undefined;
  async join(app: string, channel: string, token: string | null, uid?: number | string | null) {
    this.calls.push(['join', app, channel, token, uid]);
    if (this.joinError) throw this.joinError;
    this.connectionState = 'CONNECTED';
    return uid ?? 7;
  }
  async renewToken(token: string) {
    this.calls.push(['renewToken', token]);
  }
  async leave() {
    this.calls.push(['leave']);
    this.connectionState = 'DISCONNECTED';
  }
  on(event: string, listener: () => void) {
    this.events.add(event, listener);
  }
  off(event: string, listener: () => void) {
    this.events.remove(event, listener);
  }
}

const START = new Date('2026-12-01T10:00:00Z');
const settle = () => vi.advanceTimersByTimeAsync(0);

function tokenSource() {
  const reasons: TokenReason[] = [];
  const issued: string[] = [];
  return {
    reasons,
    issued,
    fetchToken: ({ reason }: { reason: TokenReason }) => {
      reasons.push(reason);
      // A distinct token each time: each fetch is a second later.
      vi.setSystemTime(Date.now() + 1000);
      issued.push(rtcToken(600));
      return issued.at(-1)!;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());

describe('joinRtcWithToken (agora-rtc-sdk-ng)', () => {
  it('joins with the first token and resolves to a session with the joined uid', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', uid: 42, fetchToken: source.fetchToken });
    expect(client.calls).toEqual([['join', appId, 'room', source.issued[0], 42]]);
    expect(session.uid).toBe(42);
    expect(session.renewer.token).toBe(source.issued[0]);
    expect(client.events.count()).toBe(2);
    session.stop();
  });

  it('lets Agora assign the uid when none is given', async () => {
    const client = new FakeRtcClient();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', fetchToken: tokenSource().fetchToken });
    expect(client.calls[0]![4]).toBeNull();
    expect(session.uid).toBe(7);
    session.stop();
  });

  it('token-privilege-will-expire → renewToken with a fresh token', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const applied: [string, TokenReason][] = [];
    const session = await joinRtcWithToken(client, {
      appId,
      channel: 'room',
      uid: 42,
      fetchToken: source.fetchToken,
      onTokenApplied: (token, reason) => applied.push([token, reason]),
    });
    client.events.emit('token-privilege-will-expire');
    await settle();
    expect(source.reasons).toEqual(['initial', 'renew']);
    expect(client.calls.at(-1)).toEqual(['renewToken', source.issued[1]]);
    expect(applied).toEqual([
      [source.issued[0], 'initial'],
      [source.issued[1], 'renew'],
    ]);
    session.stop();
  });

  it('renews on its own schedule too, without any SDK event', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', uid: 42, fetchToken: source.fetchToken });
    await vi.advanceTimersByTimeAsync(570_000);
    expect(client.calls.map((c) => c[0])).toEqual(['join', 'renewToken']);
    session.stop();
  });

  it('token-privilege-did-expire → a fresh token (reason expired) and a new join with the same uid', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', fetchToken: source.fetchToken });
    // The SDK leaves the channel when the token expires, then tells.
    client.connectionState = 'DISCONNECTED';
    client.events.emit('token-privilege-did-expire');
    await settle();
    expect(source.reasons).toEqual(['initial', 'expired']);
    expect(client.calls).toEqual([
      ['join', appId, 'room', source.issued[0], null],
      ['join', appId, 'room', source.issued[1], 7],
    ]);
    expect(session.uid).toBe(7);
    session.stop();
  });

  it('will-expire and did-expire at once cause one fetch', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', uid: 42, fetchToken: source.fetchToken });
    client.events.emit('token-privilege-will-expire');
    client.connectionState = 'DISCONNECTED';
    client.events.emit('token-privilege-did-expire');
    await settle();
    expect(source.reasons).toEqual(['initial', 'renew']);
    expect(client.calls.map((c) => c[0])).toEqual(['join', 'join']);
    session.stop();
  });

  it('stop() removes its listeners and cancels renewal without leaving; leave() also leaves', async () => {
    const client = new FakeRtcClient();
    const source = tokenSource();
    const session = await joinRtcWithToken(client, { appId, channel: 'room', uid: 42, fetchToken: source.fetchToken });
    session.stop();
    expect(client.events.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(client.calls.map((c) => c[0])).toEqual(['join']);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(source.reasons).toEqual(['initial']);

    const other = new FakeRtcClient();
    const second = await joinRtcWithToken(other, { appId, channel: 'room', uid: 42, fetchToken: source.fetchToken });
    await second.leave();
    expect(other.calls.map((c) => c[0])).toEqual(['join', 'leave']);
    expect(other.events.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed join rejects with ERR_TOKEN_APPLY_FAILED and the SDK error as cause, and leaves nothing behind', async () => {
    const client = new FakeRtcClient();
    client.joinError = new Error('AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid token');
    const error = await joinRtcWithToken(client, { appId, channel: 'room', uid: 42, fetchToken: tokenSource().fetchToken }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_TOKEN_APPLY_FAILED', cause: client.joinError, message: expect.stringContaining('CAN_NOT_GET_GATEWAY_SERVER') });
    expect(client.events.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses something that is not an RTC client', async () => {
    await expect(joinRtcWithToken({} as RtcClientLike, { appId, channel: 'room', fetchToken: () => '' })).rejects.toThrow(TypeError);
  });

  it('listens to event names that agora-rtc-sdk-ng declares', () => {
    // IAgoraRTCClient.on also takes any string, so tsc cannot catch a renamed event: read the declarations
    // (beside the main file; the package exports no path to them).
    const sdk = dirname(createRequire(import.meta.url).resolve('agora-rtc-sdk-ng'));
    const declarations = readFileSync(join(sdk, 'rtc-sdk_en.d.ts'), 'utf8');
    for (const event of ['token-privilege-will-expire', 'token-privilege-did-expire']) {
      expect(declarations).toContain(`on(event: "${event}", listener:`);
    }
    expect(declarations).toContain('renewToken(token: string): Promise<void>;');
  });
});

/** An agora-rtm-sdk 2.x RTMClient stand-in. */
class FakeRtmClient implements RtmClientLike {
  calls: [string, ...unknown[]][] = [];
  events = new Emitter();
  async login(options?: { token?: string }) {
    this.calls.push(['login', options?.token]);
    return {};
  }
  async logout() {
    this.calls.push(['logout']);
    return {};
  }
  async renewToken(token: string) {
    this.calls.push(['renewToken', token]);
    return {};
  }
  addEventListener(event: string, listener: Listener) {
    this.events.add(event, listener);
  }
  removeEventListener(event: string, listener: Listener) {
    this.events.remove(event, listener);
  }
}

describe('loginRtmWithToken (agora-rtm-sdk 2.x)', () => {
  it('logs in, renews on tokenPrivilegeWillExpire, and logs in again after TOKEN_EXPIRED', async () => {
    const client = new FakeRtmClient();
    const source = tokenSource();
    const session = await loginRtmWithToken(client, { fetchToken: source.fetchToken });
    expect(client.calls).toEqual([['login', source.issued[0]]]);
    client.events.emit('tokenPrivilegeWillExpire', '');
    await settle();
    expect(client.calls.at(-1)).toEqual(['renewToken', source.issued[1]]);
    // A stream channel's RTC token is not this session's to renew.
    client.events.emit('tokenPrivilegeWillExpire', 'stream-1');
    await settle();
    expect(source.reasons).toEqual(['initial', 'renew']);
    const link: RtmLinkStateLike = { currentState: 'FAILED', reasonCode: 'TOKEN_EXPIRED' };
    client.events.emit('linkState', link);
    await settle();
    expect(source.reasons).toEqual(['initial', 'renew', 'expired']);
    expect(client.calls.at(-1)).toEqual(['login', source.issued[2]]);
    // Other link changes are not about the token.
    client.events.emit('linkState', { currentState: 'CONNECTED', reasonCode: 'LOGIN_SUCCESS' });
    await settle();
    expect(source.reasons).toHaveLength(3);
    await session.logout();
    expect(client.calls.at(-1)).toEqual(['logout']);
    expect(client.events.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renews with renewToken when its own clock finds the token expired but RTM did not report it', async () => {
    const client = new FakeRtmClient();
    const source = tokenSource();
    const session = await loginRtmWithToken(client, { fetchToken: source.fetchToken });
    await session.renewer.renewNow('expired');
    expect(client.calls.map((c) => c[0])).toEqual(['login', 'renewToken']);
    session.stop();
  });
});

/** An agora-chat Connection stand-in. */
class FakeChatConnection implements ChatConnectionLike {
  calls: [string, ...unknown[]][] = [];
  handlers = new Map<string, ChatTokenHandlers>();
  opened = false;
  async open(parameters: { user: string; accessToken?: string }) {
    this.calls.push(['open', parameters.user, parameters.accessToken]);
    this.opened = true;
    return {};
  }
  async renewToken(token: string) {
    this.calls.push(['renewToken', token]);
    return {};
  }
  isOpened() {
    return this.opened;
  }
  close() {
    this.calls.push(['close']);
    this.opened = false;
  }
  addEventHandler(id: string, handler: ChatTokenHandlers) {
    this.handlers.set(id, handler);
  }
  removeEventHandler(id: string) {
    this.handlers.delete(id);
  }
}

describe('openChatWithToken (agora-chat)', () => {
  it('opens with the access token, renews on onTokenWillExpire, opens again on onTokenExpired', async () => {
    const connection = new FakeChatConnection();
    const source = tokenSource();
    const session = await openChatWithToken(connection, { user: 'alice', fetchToken: source.fetchToken });
    expect(connection.calls).toEqual([['open', 'alice', source.issued[0]]]);
    const [handler] = [...connection.handlers.values()];
    handler!.onTokenWillExpire!();
    await settle();
    expect(connection.calls.at(-1)).toEqual(['renewToken', source.issued[1]]);
    handler!.onTokenExpired!();
    await settle();
    expect(source.reasons).toEqual(['initial', 'renew', 'expired']);
    expect(connection.calls.at(-1)).toEqual(['open', 'alice', source.issued[2]]);
    session.close();
    expect(connection.calls.at(-1)).toEqual(['close']);
    expect(connection.handlers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives each session its own handler id', async () => {
    const connection = new FakeChatConnection();
    const a = await openChatWithToken(connection, { user: 'alice', fetchToken: tokenSource().fetchToken });
    const b = await openChatWithToken(connection, { user: 'bob', fetchToken: tokenSource().fetchToken });
    expect(connection.handlers.size).toBe(2);
    a.stop();
    expect(connection.handlers.size).toBe(1);
    b.stop();
    expect(connection.handlers.size).toBe(0);
  });
});
