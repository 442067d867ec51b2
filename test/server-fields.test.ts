// Every body field of every endpoint, over real HTTP on loopback against `agora-token-kit serve`:
// a required field missing or of the wrong type is a 400 naming it, never a token with a default in
// its place (a missing uid would otherwise be uid 0, a token for any user). The expected messages
// are written here from docs/server.md, not read from the server's code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../src/server/endpoints.js';
import { type CliServer, startCliServer } from './support/cli-server.js';

const env = { AGORA_APP_ID: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', AGORA_APP_CERTIFICATE: '9a8b7c6d5e4f30211203f4e5d6c7b8a9' };

/** A required field: its value of the wrong type, and the error that value must get. */
type Required = [wrong: unknown, error: string];

interface Endpoint {
  /** A body with every field the endpoint takes, which must get a token. */
  body: Record<string, unknown>;
  required: Record<string, Required>;
}

const string = (name: string, wrong: unknown, type: string): Required => [wrong, `"${name}" must be a string, got ${type}`];
const uid = (name: string): Required => [true, `"${name}" must be a number or a string, got boolean`];
const rtcRole = (name: string): Required => ['1', `"${name}" must be 1 (publisher) or 2 (subscriber), got string`];
const privileges = { joinChannelPrivilegeExpire: 600, pubAudioPrivilegeExpire: 600, pubVideoPrivilegeExpire: 0, pubDataStreamPrivilegeExpire: 600 };
const rtcRtm: Endpoint = {
  body: { channelName: 'room', rtcAccount: 42, rtcRole: 1, rtcTokenExpire: 600, ...privileges, rtmUserId: 'alice', rtmTokenExpire: 600 },
  required: {
    channelName: string('channelName', 7, 'number'),
    rtcAccount: uid('rtcAccount'),
    rtcRole: rtcRole('rtcRole'),
    rtmUserId: string('rtmUserId', ['alice'], 'array'),
  },
};

const TABLE: Record<string, Endpoint> = {
  '/fetch_rtc_token': {
    body: { uid: 123, ChannelName: 'ChannelA', role: 1, tokenExpire: 600, privilegeExpire: 600 },
    required: { uid: uid('uid'), ChannelName: string('ChannelName', null, 'null'), role: rtcRole('role') },
  },
  '/fetch_rtc_token_with_privileges': {
    body: { channelName: 'room', uid: 'alice', tokenExpire: 600, ...privileges },
    required: { channelName: string('channelName', {}, 'object'), uid: uid('uid') },
  },
  '/fetch_rtc_rtm_token': rtcRtm,
  '/fetch_convoai_token': rtcRtm,
  '/fetch_stt_token': rtcRtm,
  '/fetch_rtm_token': { body: { userId: 'alice', expire: 600 }, required: { userId: string('userId', 1, 'number') } },
  '/fetch_rtm2_token': {
    body: { userId: 'alice', permissions: [{ resourceType: 1, permissionType: 1, resources: ['lobby'] }], expire: 600 },
    required: { userId: string('userId', false, 'boolean'), permissions: [{}, '"permissions" must be an array, got object'] },
  },
  '/fetch_chat_user_token': { body: { userId: 'alice', expire: 600 }, required: { userId: string('userId', 1, 'number') } },
  '/fetch_chat_app_token': { body: { expire: 600 }, required: {} },
  '/fetch_fpa_token': { body: {}, required: {} },
  '/fetch_apaas_room_user_token': {
    body: { roomUuid: 'class-1', userUuid: 'bob', role: 2, expire: 600 },
    required: {
      roomUuid: string('roomUuid', 1, 'number'),
      userUuid: string('userUuid', null, 'null'),
      role: ['2', '"role" must be an integer from -32768 to 32767, got string'],
    },
  },
  '/fetch_apaas_user_token': { body: { userUuid: 'bob', expire: 600 }, required: { userUuid: string('userUuid', [], 'array') } },
  '/fetch_apaas_app_token': { body: { expire: 600 }, required: {} },
};

const without = (body: Record<string, unknown>, field: string): Record<string, unknown> => Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));
const cases = (pick: (path: string, endpoint: Endpoint) => [string, string][]) => Object.entries(TABLE).flatMap(([path, e]) => pick(path, e));
const missing = cases((path, e) => Object.keys(e.required).map((field) => [path, field]));
const optional = cases((path, e) => Object.keys(e.body).filter((field) => !(field in e.required)).map((field) => [path, field]));

let cwd: string;
let server: CliServer;
beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'agora-serve-fields-'));
  server = await startCliServer({ env, cwd });
});
afterAll(async () => {
  await server.stop();
  rmSync(cwd, { recursive: true, force: true });
});

async function post(path: string, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('every body field of every endpoint', () => {
  it('the table covers every endpoint the server has', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(ENDPOINTS).sort());
    expect(missing.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.keys(TABLE))('%s gives a token for the full body', async (path) => {
    const { status, json } = await post(path, TABLE[path]!.body);
    expect(status).toBe(200);
    expect(json.token).toMatch(/^007/);
  });

  it.each(missing)('%s without "%s" is a 400 "is required"', async (path, field) => {
    const { status, json } = await post(path, without(TABLE[path]!.body, field));
    expect({ status, json }).toEqual({ status: 400, json: { code: '400', error: `"${field}" is required` } });
  });

  it.each(missing)('%s with "%s" of the wrong type is a 400 naming it', async (path, field) => {
    const [wrong, error] = TABLE[path]!.required[field]!;
    const { status, json } = await post(path, { ...TABLE[path]!.body, [field]: wrong });
    expect({ status, json }).toEqual({ status: 400, json: { code: '400', error } });
  });

  it.each(optional)('%s without the optional "%s" still gives a token', async (path, field) => {
    const { status, json } = await post(path, without(TABLE[path]!.body, field));
    expect(status).toBe(200);
    expect(json.token).toMatch(/^007/);
  });
});
