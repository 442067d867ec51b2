// The comparisons, each on identical inputs for both sides. Every case first checks that both sides
// agree on its inputs, so a fast wrong answer cannot pass for a fast right one.

// Made-up credentials of the right shape (32 hex characters); nothing here is a real project's.
export const APP_ID = '4f1c9e27b0d84a6b9c3e5f7a1d2b4c6e';
export const CERTIFICATE = '8e3a5c7f9b1d2e4f6a8c0b2d4e6f8a1c';
const EXPIRE = 3600;
const PUBLISHER = 1;

// A few channels and uids in rotation, so neither side sees one input over and over.
const CHANNELS = Array.from({ length: 8 }, (_, i) => `room-${i}-${'x'.repeat(i * 3)}`);
const UIDS = Array.from({ length: 8 }, (_, i) => 1_000_000 + i * 7919);
const TOKEN_POOL = 64;
// One absolute 006 privilege expiry for every side, so that their tokens can be compared.
const EXPIRE_AT = Math.floor(Date.now() / 1000) + EXPIRE;

function fail(message) {
  throw new Error(`benchmark inputs disagree: ${message}`);
}

/** Tokens issued by agora-token itself, each with its own issueTs and salt (no cache hits on verify). */
export function officialTokens({ AccessToken2 }, agoraTokenModule) {
  const { ServiceRtc } = agoraTokenModule;
  const base = 1_760_000_000;
  return Array.from({ length: TOKEN_POOL }, (_, i) => {
    const token = new AccessToken2(APP_ID, CERTIFICATE, base + i * 97, EXPIRE);
    const rtc = new ServiceRtc(CHANNELS[i % 8], UIDS[i % 8]);
    for (const privilege of [1, 2, 3, 4]) rtc.add_privilege(privilege, EXPIRE);
    token.add_service(rtc);
    return token.build();
  });
}

/**
 * What each case runs on this package's side, for one build of it (`kit` = dist/index.js, `kit006` =
 * dist/006.js or undefined); compare.mjs runs the same functions on two builds.
 * @param tokens - from officialTokens()
 */
export function kitWorkloads(kit, kit006, tokens) {
  const at = (i) => tokens[i & (TOKEN_POOL - 1)];
  return {
    build007: (i) => kit.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERTIFICATE, CHANNELS[i & 7], UIDS[i & 7], PUBLISHER, EXPIRE, EXPIRE),
    decode007: (i) => kit.decodeToken(at(i)).salt,
    decodeVerify007: (i) => kit.decodeToken(at(i)).salt !== 0 && kit.verifyToken(at(i), CERTIFICATE),
    verify007: (i) => kit.verifyToken(at(i), CERTIFICATE),
    build006: kit006 && ((i) => kit006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERTIFICATE, CHANNELS[i & 7], UIDS[i & 7], PUBLISHER, EXPIRE_AT)),
  };
}

/** The inputs a build case uses for call i, for checks that compare the outputs of two sides. */
export const buildInput = (i) => ({ channelName: CHANNELS[i & 7], uid: UIDS[i & 7] });

/**
 * @param subjects - from loadSubjects()
 * @param agoraTokenModule - agora-token's AccessToken2 module (for ServiceRtc)
 * @returns cases: { id, name, ours, theirs: { name, fn }, target: { node, other } }
 */
export function makeCases(subjects, agoraTokenModule) {
  const { kit, kit006, agoraToken, AccessToken2, agoraAccessToken } = subjects;
  const tokens = officialTokens(subjects, agoraTokenModule);
  const kitSide = kitWorkloads(kit, kit006, tokens);
  const cases = [];

  // 007 build: agora-token's RtcTokenBuilder, same arguments.
  const build007Ours = kitSide.build007;
  const build007Theirs = (i) =>
    agoraToken.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERTIFICATE, CHANNELS[i & 7], UIDS[i & 7], PUBLISHER, EXPIRE, EXPIRE);
  for (let i = 0; i < 8; i++) {
    const ours = kit.decodeToken(build007Ours(i));
    const theirs = kit.decodeToken(build007Theirs(i));
    if (JSON.stringify(ours.services) !== JSON.stringify(theirs.services)) fail(`007 build services differ for input ${i}`);
    const parsed = new AccessToken2();
    if (!parsed.from_string(build007Ours(i)) || !parsed.verifySignature(CERTIFICATE)) fail('agora-token rejects our 007 token');
  }
  cases.push({
    id: 'build007',
    name: '007 RTC build (buildTokenWithUid, publisher)',
    ours: build007Ours,
    theirs: { name: 'agora-token RtcTokenBuilder', fn: build007Theirs },
    target: { node: 4, other: 1 },
  });

  // 007 decode and verify, on tokens agora-token issued.
  for (let i = 0; i < TOKEN_POOL; i++) {
    const ours = kit.decodeToken(tokens[i]);
    const parsed = new AccessToken2();
    if (!parsed.from_string(tokens[i])) fail('agora-token cannot parse its own token');
    if (ours.issueTs !== parsed.issueTs || ours.salt !== parsed.salt || ours.appId !== String(parsed.appId)) fail(`decoded header ${i}`);
    if (!kit.verifyToken(tokens[i], CERTIFICATE) || !parsed.verifySignature(CERTIFICATE)) fail(`token ${i} does not verify`);
  }
  const at = (i) => tokens[i & (TOKEN_POOL - 1)];
  cases.push({
    id: 'decode007',
    name: '007 decodeToken',
    ours: kitSide.decode007,
    theirs: { name: 'agora-token AccessToken2.from_string', fn: (i) => new AccessToken2().from_string(at(i)) },
    target: { node: 2, other: 1 },
  });
  const fromStringAndVerify = (i) => {
    const parsed = new AccessToken2();
    return parsed.from_string(at(i)) && parsed.verifySignature(CERTIFICATE);
  };
  cases.push({
    id: 'decodeVerify007',
    name: '007 decodeToken + verifyToken',
    ours: kitSide.decodeVerify007,
    theirs: { name: 'from_string + verifySignature', fn: fromStringAndVerify },
    target: { node: 2, other: 1 },
  });
  cases.push({
    id: 'verify007',
    name: '007 verifyToken alone (it decodes too)',
    ours: kitSide.verify007,
    theirs: { name: 'from_string + verifySignature', fn: fromStringAndVerify },
    target: { other: 1 },
  });

  // 006 build: agora-access-token's RtcTokenBuilder takes an absolute privilege expiry.
  if (kit006) {
    const build006Ours = kitSide.build006;
    const build006Theirs = (i) =>
      agoraAccessToken.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERTIFICATE, CHANNELS[i & 7], UIDS[i & 7], PUBLISHER, EXPIRE_AT);
    for (let i = 0; i < 8; i++) {
      const ours = kit.decodeToken(build006Ours(i));
      const theirs = kit.decodeToken(build006Theirs(i));
      if (JSON.stringify(ours.privileges) !== JSON.stringify(theirs.privileges)) fail(`006 privileges differ for input ${i}`);
      const context = { channelName: CHANNELS[i & 7], uid: UIDS[i & 7] };
      if (!kit.verifyToken(build006Theirs(i), CERTIFICATE, context)) fail('the official 006 token does not verify here');
    }
    cases.push({
      id: 'build006',
      name: '006 RTC build (buildTokenWithUid, publisher)',
      ours: build006Ours,
      theirs: { name: 'agora-access-token RtcTokenBuilder', fn: build006Theirs },
      target: { node: 2, other: 1 },
    });
  }
  return cases;
}
