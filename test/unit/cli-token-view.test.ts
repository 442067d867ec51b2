// What `decode` shows for a token, line by line: the columns, absolute and relative times, each
// service's identifying fields, privilege names, and what is painted red, dim, bold or yellow.
import { describe, expect, it } from 'vitest';
import type { DecodedService, DecodedToken006, DecodedToken007 } from '../../src/index.js';
import { describeToken, privilegeName, SERVICE_NAMES, serviceFields } from '../../src/cli/token-view.js';

/** Shows where paint was applied, as `<style>text</style>`. */
const paint = (style: string, text: string) => `<${style}>${text}</${style}>`;
const T0 = 1_800_000_000; // 2027-01-15T08:00:00Z
const appId = '970ca35de60c44645bbae8a215061b33';

const token007 = (services: DecodedService[], fields: Partial<DecodedToken007> = {}): DecodedToken007 => ({
  version: '007',
  signature: 'c2lnbmF0dXJl',
  appId,
  issueTs: T0,
  expire: 3600,
  salt: 7,
  services,
  ...fields,
});

describe('describeToken, 007', () => {
  it('shows the header, each service and each privilege with its expiry', () => {
    const token = token007([{ type: 1, channelName: 'room', uid: '42', privileges: { 1: 3600, 2: 600, 3: 0 } }]);
    expect(describeToken(token, T0 + 60, paint)).toEqual([
      'version     007 (AccessToken2)',
      `app ID      ${appId}`,
      'issued      2027-01-15T08:00:00Z  (1 min ago)',
      'expires     2027-01-15T09:00:00Z  (in 59 min)  <dim>[expire 3600 s]</dim>',
      'salt        7',
      'signature   c2lnbmF0dXJl',
      'services    1',
      '  <bold>RTC (type 1)</bold>  channel "room", uid "42"',
      '    joinChannel (1)            2027-01-15T09:00:00Z  (in 59 min)  <dim>[3600 s]</dim>',
      '    publishAudioStream (2)     2027-01-15T08:10:00Z  (in 9 min)  <dim>[600 s]</dim>',
      '    publishVideoStream (3)     0 (no expiry time written)  <dim>[0 s]</dim>',
    ]);
  });

  it('paints what has expired red, and says when no expiry was written', () => {
    const token = token007([{ type: 2, userId: 'alice', privileges: { 1: 60 } }], { expire: 0, issueTs: T0 - 7200 });
    expect(describeToken(token, T0, paint).slice(2)).toEqual([
      'issued      2027-01-15T06:00:00Z  (2 h ago)',
      'expires     0 (no expiry time written)  <dim>[expire 0 s]</dim>',
      'salt        7',
      'signature   c2lnbmF0dXJl',
      'services    1',
      '  <bold>RTM (type 2)</bold>  user ID "alice"',
      '    login (1)                  <red>2027-01-15T06:01:00Z  (expired 1 h ago)</red>  <dim>[60 s]</dim>',
    ]);
    const atExpiry = describeToken(token007([], { expire: 3600 }), T0 + 3600, paint);
    expect(atExpiry[3]).toBe('expires     <red>2027-01-15T09:00:00Z  (expired 0 s ago)</red>  <dim>[expire 3600 s]</dim>');
    expect(describeToken(token007([]), T0, paint)[2]).toBe('issued      2027-01-15T08:00:00Z  (now)');
    expect(describeToken(token007([]), T0 - 5, paint)[2]).toBe('issued      2027-01-15T08:00:00Z  (in 5 s)');
  });

  it('lists RTM2 permissions, marks services without privileges, and names unknown privilege ids', () => {
    const token = token007([
      { type: 8, userId: 'bob', permissions: [{ resourceType: 1, permissionType: 0, resources: ['s1', 's2'] }], privileges: { 1: 3600 } },
      { type: 4, privileges: {} },
      { type: 7, roomUuid: 'class-1', userUuid: 'u1', role: -1, privileges: { 9: 3600 } },
    ]);
    expect(describeToken(token, T0, paint).slice(6)).toEqual([
      'services    3',
      '  <bold>RTM2 (type 8)</bold>  user ID "bob", 1 permission entry',
      '    permission resource 1 / type 0: ["s1","s2"]',
      '    login (1)                  2027-01-15T09:00:00Z  (in 1 h)  <dim>[3600 s]</dim>',
      '  <bold>FPA (type 4)</bold>',
      '    <dim>no privileges</dim>',
      '  <bold>APaaS (type 7)</bold>  room "class-1", user "u1", role -1',
      '    privilege 9 (9)            2027-01-15T09:00:00Z  (in 1 h)  <dim>[3600 s]</dim>',
    ]);
  });

  it('warns that services after an unknown type are not shown', () => {
    const lines = describeToken(token007([], { unknownServiceType: 42 }), T0, paint);
    expect(lines.at(-1)).toBe('  <yellow>service type 42 is unknown: it and any later services are not shown</yellow>');
    expect(describeToken(token007([]), T0, paint).at(-1)).toBe('services    0');
  });
});

describe('describeToken, 006', () => {
  const token006 = (fields: Partial<DecodedToken006> = {}): DecodedToken006 => ({
    version: '006',
    signature: 'abcd',
    appId,
    crcChannelName: 0x1234abcd,
    crcUid: 0xff,
    salt: 9,
    ts: T0 + 86_400,
    privileges: { 1: T0 + 3600, 2: 0, 101: T0 - 60, 1000: T0 + 60, 7: T0 + 60 },
    ...fields,
  });

  it('shows the checksums, the expiry and each privilege at its absolute time', () => {
    expect(describeToken(token006(), T0, paint)).toEqual([
      'version     006 (AccessToken)',
      `app ID      ${appId}`,
      'expires     2027-01-16T08:00:00Z  (in 24 h)',
      'salt        9',
      'signature   abcd',
      'channel     CRC-32 0x1234abcd <dim>(006 stores only a checksum of the channel name)</dim>',
      'uid         CRC-32 0x000000ff',
      'privileges  5',
      '    joinChannel (1)            2027-01-15T09:00:00Z  (in 1 h)',
      '    publishAudioStream (2)     0 (no expiry time written)',
      '    privilege 7 (7)            2027-01-15T08:01:00Z  (in 1 min)',
      '    administrateChannel (101)  <red>2027-01-15T07:59:00Z  (expired 1 min ago)</red>',
      '    rtmLogin (1000)            2027-01-15T08:01:00Z  (in 1 min)',
    ]);
  });

  it('says when the uid is 0 (any user), names the other 006 privileges, and paints an expired token red', () => {
    const lines = describeToken(token006({ crcUid: 0, ts: T0 - 1, privileges: { 3: T0, 4: T0 } }), T0, paint);
    expect(lines[2]).toBe('expires     <red>2027-01-15T07:59:59Z  (expired 1 s ago)</red>');
    expect(lines[6]).toBe('uid         CRC-32 0x00000000 (uid 0: any user)');
    expect(lines.slice(7)).toEqual([
      'privileges  2',
      '    publishVideoStream (3)     <red>2027-01-15T08:00:00Z  (expired 0 s ago)</red>',
      '    publishDataStream (4)      <red>2027-01-15T08:00:00Z  (expired 0 s ago)</red>',
    ]);
  });
});

describe('service fields and names', () => {
  it.each([
    [{ type: 1, channelName: 'room', uid: '' }, 'channel "room", uid "" (0: any user)'],
    [{ type: 1, channelName: 'a"b', uid: 'x' }, 'channel "a\\"b", uid "x"'],
    [{ type: 2, userId: 'alice' }, 'user ID "alice"'],
    [{ type: 5, userId: 'carol' }, 'user ID "carol"'],
    [{ type: 3, channelName: 'live', account: 'cam' }, 'channel "live", account "cam"'],
    [{ type: 6, channelName: 'cdn', account: 'edge' }, 'channel "cdn", account "edge"'],
    [{ type: 7, roomUuid: 'r', userUuid: 'u', role: 2 }, 'room "r", user "u", role 2'],
    [{ type: 8, userId: 'bob', permissions: [] }, 'user ID "bob", 0 permission entries'],
    [{ type: 8, userId: 'bob', permissions: [{}, {}] }, 'user ID "bob", 2 permission entries'],
    [{ type: 4 }, ''],
    [{ type: 9 }, ''],
    [{ type: 10 }, ''],
  ])('%j → %s', (service, text) => {
    expect(serviceFields({ privileges: {}, ...service } as DecodedService)).toBe(text);
  });

  it('names every service type and the privileges of each', () => {
    expect(Object.values(SERVICE_NAMES)).toEqual(['RTC', 'RTM', 'Streaming', 'FPA', 'Chat', 'FCDN', 'APaaS', 'RTM2', 'ConvoAI', 'STT']);
    expect([1, 2, 3, 4].map((id) => privilegeName(1, id))).toEqual(['joinChannel', 'publishAudioStream', 'publishVideoStream', 'publishDataStream']);
    expect([privilegeName(2, 1), privilegeName(3, 2), privilegeName(5, 2), privilegeName(6, 1), privilegeName(7, 3), privilegeName(8, 1)]).toEqual([
      'login',
      'publishRawStream',
      'app',
      'publish',
      'app',
      'login',
    ]);
    expect([privilegeName(1, 5), privilegeName(9, 1), privilegeName(42, 1)]).toEqual(['privilege 5', 'privilege 1', 'privilege 1']);
  });
});
