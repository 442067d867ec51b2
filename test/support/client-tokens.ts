// Tokens for the client tests, made with this package's own builders at the (fake) clock's time.
import { buildToken, RtcTokenBuilder } from '../../src/index.js';

export const appId = '970CA35de60c44645bbae8a215061b33';
const cert = '5CFd2fd1755d40ecb72977518be15d3b';

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A 007 RTC token: the token lives `tokenExpire` s, joinChannel and publishing `privilegeExpire` s. */
export function rtcToken(tokenExpire: number, privilegeExpire = tokenExpire, issueTs = nowSeconds()): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 1, tokenExpire, privilegeExpire, { issueTs });
}

/** A 006 token issued now (its ts one day ahead), with privileges ending at these absolute times. */
export function token006(privileges: Record<number, number>): string {
  return buildToken({ version: '006', appId, appCertificate: cert, channelName: 'room', uid: 42, privileges });
}
