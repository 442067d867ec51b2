// Conformance adapter for the npm package agora-token@2.0.6, to show what the kit finds in another
// implementation. Glue only: it fixes the clock and salt, turns "" into an error, and converts the
// package's parsed objects (Buffers, an unsigned APaaS role) into the protocol's plain values.
//   npx agora-token-kit conformance -- node examples/conformance/agora-token.mjs
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

// The 006 parser prints its exceptions with console.log (and then returns false); stdout belongs to
// the protocol.
console.log = () => undefined;

const require = createRequire(import.meta.url);
const fixed = { issueTs: 0, salt: 0, ts: 0 };

try {
  require.resolve('agora-token/src/AccessToken2.js');
} catch {
  process.stderr.write(
    'agora-token is not installed where this adapter can load it: `npm install agora-token@2.0.6` next to it,\n' +
      'or, in the agora-token-kit repository, run `npm run test:install` and set NODE_PATH=test/node_modules\n',
  );
  process.exit(1);
}

// 007: every builder creates an AccessToken2 and calls build(); set the clock and salt just before.
const { AccessToken2, Rtm2Permissions } = require('agora-token/src/AccessToken2.js');
const build007 = AccessToken2.prototype.build;
AccessToken2.prototype.build = function build() {
  this.issueTs = fixed.issueTs;
  this.salt = fixed.salt;
  return build007.call(this);
};

// 006: the builders look up AccessToken when they load, so replace it before loading them.
const access006 = require('agora-token/src/AccessToken.js');
const AccessToken006 = access006.AccessToken;
access006.AccessToken = function AccessToken(...args) {
  AccessToken006.apply(this, args);
  this.salt = fixed.salt;
  this.ts = fixed.ts;
};
const classes = {
  '007': require('agora-token'),
  '006': {
    RtcTokenBuilder: require('agora-token/src/RtcTokenBuilder.js').RtcTokenBuilder,
    RtmTokenBuilder: require('agora-token/src/RtmTokenBuilder.js').RtmTokenBuilder,
  },
};

const SERVICE_CLASSES = Object.fromEntries(
  Object.entries(require('agora-token/src/AccessToken2.js'))
    .filter(([name]) => name.startsWith('Service') && name !== 'Service')
    .map(([, Service]) => [new Service().__type, Service]),
);

const refuseEmpty = (token) => (token === '' ? { error: 'agora-token returned ""' } : { token });

function permissions(list) {
  const perms = new Rtm2Permissions();
  for (const { resourceType, permissionType, resources } of list ?? []) perms.add(resourceType, permissionType, resources);
  return perms;
}

function build({ version, function: name, args, issueTs, salt, ts }) {
  Object.assign(fixed, { issueTs, salt, ts });
  const [className, method] = name.split('.');
  const builder = classes[version][className];
  if (typeof builder?.[method] !== 'function') return { unsupported: `agora-token has no ${version} ${name}` };
  const call = name === 'RtmTokenBuilder.buildTokenWithPermissions' && version === '007' ? args.with(3, permissions(args[3])) : args;
  return refuseEmpty(builder[method](...call));
}

function service({ type, privileges, ...fields }) {
  const Service = SERVICE_CLASSES[type];
  let s;
  if (!Service) {
    s = new (require('agora-token/src/AccessToken2.js').Service)(type);
  } else if (type === 1) s = new Service(fields.channelName, fields.uid);
  else if (type === 2 || type === 5) s = new Service(fields.userId);
  else if (type === 3 || type === 6) s = new Service(fields.channelName, fields.account);
  else if (type === 7) s = new Service(fields.roomUuid, fields.userUuid, fields.role);
  else if (type === 8) s = new Service(fields.userId, permissions(fields.permissions));
  else s = new Service();
  for (const [id, expire] of privileges) s.add_privilege(id, expire);
  return s;
}

function buildToken(request) {
  Object.assign(fixed, { issueTs: request.issueTs, salt: request.salt, ts: request.ts });
  if (request.version === '006') {
    const token = new access006.AccessToken(request.appId, request.appCertificate, request.channelName, request.uid);
    for (const [id, expireTs] of request.privileges) token.addPriviledge(id, expireTs);
    return refuseEmpty(token.build());
  }
  const token = new AccessToken2(request.appId, request.appCertificate, request.issueTs, request.expire);
  for (const s of request.services) token.add_service(service(s));
  return refuseEmpty(token.build());
}

const text = (value) => Buffer.from(value).toString('utf8');
const privileges = (map) => Object.fromEntries(Object.entries(map).map(([id, value]) => [id, Number(value)]));

function serviceFields(s) {
  const type = s.__type;
  const out = { type, privileges: privileges(s.__privileges) };
  if (type === 1) Object.assign(out, { channelName: text(s.__channel_name), uid: text(s.__uid) });
  if (type === 2 || type === 5) out.userId = text(s.__user_id);
  if (type === 3 || type === 6) Object.assign(out, { channelName: text(s.__channel_name), account: text(s.__account) });
  // The package reads the int16 role as unsigned: -1 comes back as 65535.
  if (type === 7) Object.assign(out, { roomUuid: text(s.__room_uuid), userUuid: text(s.__user_uuid), role: (s.__role << 16) >> 16 });
  if (type === 8) {
    out.userId = text(s.__user_id);
    out.permissions = Object.entries(s.__permissions.details).flatMap(([resourceType, byPermission]) =>
      Object.entries(byPermission).map(([permissionType, resources]) => ({ resourceType: Number(resourceType), permissionType: Number(permissionType), resources })),
    );
  }
  return out;
}

function parse(version, token) {
  if (version === '007') {
    const t = new AccessToken2();
    if (!t.from_string(token)) return { error: 'from_string returned false' };
    return { token: t };
  }
  const t = new AccessToken006('', '', '', '');
  if (!t.fromString(token)) return { error: 'fromString returned false' };
  return { token: t };
}

function decode({ version, token }) {
  const parsed = parse(version, token);
  if (parsed.error) return parsed;
  const t = parsed.token;
  if (version === '006') {
    return {
      decoded: {
        appId: t.appID,
        signature: Buffer.from(t.signature).toString('hex'),
        crcChannelName: t.crc_channel_name,
        crcUid: t.crc_uid,
        salt: t.salt,
        ts: t.ts,
        privileges: privileges(t.messages),
      },
    };
  }
  return {
    decoded: {
      signature: t.__signature.toString('hex'),
      appId: text(t.appId),
      issueTs: t.issueTs,
      expire: t.expire,
      salt: t.salt,
      services: t.services.map(serviceFields),
    },
  };
}

// agora-token has no 006 verify; like Agora's own tests, sign the parsed message again and compare.
function verify006(t, appCertificate, channelName, uid) {
  const uidText = uid === 0 ? '' : `${uid}`;
  const signed = Buffer.concat([Buffer.from(t.appID), Buffer.from(channelName), Buffer.from(uidText), Buffer.from(t.m)]);
  return createHmac('sha256', appCertificate).update(signed).digest().equals(Buffer.from(t.signature));
}

function verify({ version, token, appCertificate, channelName, uid }) {
  const parsed = parse(version, token);
  if (parsed.error) return parsed;
  return { valid: version === '007' ? parsed.token.verifySignature(appCertificate) : verify006(parsed.token, appCertificate, channelName, uid) };
}

const OPS = { build, buildToken, decode, verify };

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  let reply;
  try {
    reply = OPS[request.op] ? OPS[request.op](request) : { unsupported: `unknown op ${request.op}` };
  } catch (e) {
    reply = { error: String(e?.message ?? e) };
  }
  process.stdout.write(`${JSON.stringify({ id: request.id, ...reply })}\n`);
}
