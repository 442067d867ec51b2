import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as kit from '../src/index.js';
import { decode007 } from './support/decode007.js';

// agora-token@2.0.6 is CommonJS and Node-only; its low-level class parses and verifies 007 tokens.
const require = createRequire(import.meta.url);
const agora = require('agora-token') as typeof import('agora-token');
const { AccessToken2 } = require('agora-token/src/AccessToken2.js') as {
  AccessToken2: new () => {
    from_string(token: string): boolean;
    verifySignature(cert: string): boolean;
    appId: string;
    issueTs: number;
    expire: number;
    salt: number;
    services: { service_type(): number }[];
  };
};

const appId = '3327194369a09232ae4bc396b00f86ff';
const cert = '3cc7461c96496a9a6af39be6805a28d1';
const otherCert = 'd056890b323e9fe14342c2b4531d3af9';

const ours: Record<string, () => string> = {
  rtcUid: () => kit.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, kit.RtcRole.PUBLISHER, 3600, 3600),
  rtcAccount: () => kit.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', 'alice', kit.RtcRole.SUBSCRIBER, 3600, 600),
  rtcPrivileges: () => kit.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'room', 0, 3600, 1, 2, 3, 4),
  rtcRtm: () => kit.RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'room', 'alice', 1, 3600, 3600),
  rtcRtm2: () => kit.RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'room', 'alice', 1, 3600, 1, 2, 3, 4, 'bob', 5),
  rtm: () => kit.RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600),
  rtm2: () => kit.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [{ resourceType: 1, permissionType: 1, resources: ['s'] }], 3600),
  chatUser: () => kit.ChatTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  chatApp: () => kit.ChatTokenBuilder.buildAppToken(appId, cert, 3600),
  fpa: () => kit.FpaTokenBuilder.buildToken(appId, cert),
  apaasRoomUser: () => kit.ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'room', 'alice', 1, 3600),
  apaasUser: () => kit.ApaasTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  educationApp: () => kit.EducationTokenBuilder.buildAppToken(appId, cert, 3600),
  convoai: () => kit.ConvoAITokenBuilder.buildToken(appId, cert, 'room', 'agent', 1, 3600, 1, 2, 3, 4, 'agent', 5),
  stt: () => kit.SttTokenBuilder.buildToken(appId, cert, 'room', 'stt', 2, 3600, 1, 0, 0, 0, 'stt', 5),
};

describe('tokens built here, read by agora-token@2.0.6', () => {
  for (const [name, build] of Object.entries(ours)) {
    it(`${name}: parses, verifies, and only with the right certificate`, () => {
      const token = build();
      const parsed = new AccessToken2();
      expect(parsed.from_string(token)).toBe(true);
      expect(parsed.verifySignature(cert)).toBe(true);
      expect(parsed.verifySignature(otherCert)).toBe(false);
      const decoded = decode007(token);
      expect(parsed.appId.toString()).toBe(decoded.appId);
      expect([parsed.issueTs, parsed.expire, parsed.salt]).toEqual([decoded.issueTs, decoded.expire, decoded.salt]);
      expect(parsed.services.map((s) => s.service_type())).toEqual(decoded.services.map((s) => s.type));
    });
  }
});

const theirs: Record<string, () => string> = {
  rtcUid: () => agora.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, agora.RtcRole.PUBLISHER, 3600, 3600),
  rtcAccount: () => agora.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', 'alice', agora.RtcRole.SUBSCRIBER, 3600, 600),
  rtcRtm2: () => agora.RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'room', 'alice', 1, 3600, 1, 2, 3, 4, 'bob', 5),
  rtm: () => agora.RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600),
  chatApp: () => agora.ChatTokenBuilder.buildAppToken(appId, cert, 3600),
  fpa: () => agora.FpaTokenBuilder.buildToken(appId, cert),
  apaasRoomUser: () => agora.ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'room', 'alice', 1, 3600),
  convoai: () => agora.ConvoAITokenBuilder.buildToken(appId, cert, 'room', 'agent', 1, 3600, 1, 2, 3, 4, 'agent', 5),
};

describe('tokens built by agora-token@2.0.6, read here', () => {
  for (const [name, build] of Object.entries(theirs)) {
    it(`${name}: decodes and verifies`, () => {
      const token = build();
      const parsed = new AccessToken2();
      parsed.from_string(token);
      const decoded = decode007(token);
      expect(decoded.version).toBe('007');
      expect(decoded.appId).toBe(appId);
      expect([decoded.issueTs, decoded.expire, decoded.salt]).toEqual([parsed.issueTs, parsed.expire, parsed.salt]);
      expect(decoded.services.map((s) => s.type)).toEqual(parsed.services.map((s) => s.service_type()));
      expect(kit.verifyToken(token, cert)).toBe(true);
      expect(kit.verifyToken(token, otherCert)).toBe(false);
    });
  }

  it('same inputs, same issueTs and salt: the same payload as ours, except where the vectors record a bug', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 0xffffffff }), fc.constantFrom(1, 2), (channel, uid, role) => {
        const token = agora.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, role, 3600, 600);
        const { issueTs, salt, signature } = decode007(token);
        const mine = kit.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, role, 3600, 600, { issueTs, salt });
        expect(decode007(mine).signature).toBe(signature);
      }),
      { numRuns: 200 },
    );
  });
});
