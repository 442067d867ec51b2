import { describe, expect, it } from 'vitest';
import { checkRtcInputs, checkRtmInputs } from '../src/index.js';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('documented service rules as findings', () => {
  it('accepts a well-formed publisher request', () => {
    expect(checkRtcInputs({ channelName: 'Room 1_ok!', uid: 42, role: 1, tokenExpire: 3600, privilegeExpire: 3600 })).toEqual([]);
  });

  it('reports channel-name length and character set (the builders still build such tokens)', () => {
    expect(codes(checkRtcInputs({ channelName: 'x'.repeat(63) }))).toEqual([]);
    expect(codes(checkRtcInputs({ channelName: 'x'.repeat(64) }))).toEqual(['CHANNEL_NAME_TOO_LONG']);
    expect(codes(checkRtcInputs({ channelName: 'room/1' }))).toEqual(['CHANNEL_NAME_CHARSET']);
    expect(codes(checkRtcInputs({ channelName: '频道' }))).toEqual(['CHANNEL_NAME_CHARSET']);
    expect(codes(checkRtcInputs({ channelName: '' }))).toEqual(['CHANNEL_NAME_EMPTY']);
  });

  it('reports uid range, wildcard and account length', () => {
    expect(codes(checkRtcInputs({ uid: 0 }))).toEqual(['UID_WILDCARD']);
    expect(codes(checkRtcInputs({ uid: -1 }))).toEqual(['UID_OUT_OF_RANGE']);
    expect(codes(checkRtcInputs({ uid: 'a'.repeat(255) }))).toEqual([]);
    expect(codes(checkRtcInputs({ uid: 'é'.repeat(128) }))).toEqual(['ACCOUNT_TOO_LONG']);
    expect(codes(checkRtcInputs({ uid: '' }))).toEqual(['ACCOUNT_EMPTY']);
  });

  it('reports roles and lifetimes', () => {
    expect(codes(checkRtcInputs({ role: 101 }))).toEqual(['ROLE_DEPRECATED']);
    expect(codes(checkRtcInputs({ role: 7 }))).toEqual(['ROLE_UNKNOWN']);
    expect(codes(checkRtcInputs({ tokenExpire: 86_401 }))).toEqual(['EXPIRE_TOO_LONG']);
    expect(codes(checkRtcInputs({ tokenExpire: 600, privilegeExpire: 3600 }))).toEqual(['PRIVILEGE_OUTLIVES_TOKEN']);
    expect(checkRtcInputs({ tokenExpire: 0 })[0]).toMatchObject({ code: 'EXPIRE_ZERO', severity: 'warning', field: 'tokenExpire' });
  });

  it('checks RTM user ids', () => {
    expect(checkRtmInputs({ userId: 'alice', expire: 3600 })).toEqual([]);
    expect(codes(checkRtmInputs({ userId: 'u'.repeat(65) }))).toEqual(['USER_ID_TOO_LONG']);
    expect(codes(checkRtmInputs({ userId: 0 }))).toEqual(['USER_ID_EMPTY']);
  });
});
