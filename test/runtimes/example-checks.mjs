// What every example must do in its runtime: serve (or print) a token that verifies, turn bad input
// into a stable error code, and never reveal the App Certificate.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pkg } from '../package/consumer.mjs';

export const credentials = {
  AGORA_APP_ID: '970CA35de60c44645bbae8a215061b33',
  AGORA_APP_CERTIFICATE: '5CFd2fd1755d40ecb72977518be15d3b',
  TOKEN_API_KEY: 'example-key-for-tests',
};

function fail(message) {
  throw new Error(message);
}

/** The installed package, to check the tokens that an example hands out. */
function installedLib(consumer) {
  return createRequire(join(consumer.dir, 'package.json'))(pkg.name);
}

function checkToken(consumer, token, channelName, uid) {
  const lib = installedLib(consumer);
  if (!lib.verifyToken(token, credentials.AGORA_APP_CERTIFICATE)) fail(`token does not verify: ${token}`);
  const [rtc] = lib.decodeToken(token).services;
  if (rtc?.channelName !== channelName || rtc.uid !== uid) fail(`token is for ${JSON.stringify(rtc)}, not ${channelName}/${uid}`);
}

function noSecret(text) {
  if (text.includes(credentials.AGORA_APP_CERTIFICATE)) fail('a response contains the App Certificate');
}

/**
 * Drives a token server through `request(path, init)`, which returns `{ status, text }`.
 * @param {string} base - the path the server is mounted under ('' or e.g. '/api')
 * @returns {Promise<number>} the number of requests checked
 */
export async function checkTokenEndpoint(consumer, request, base = '') {
  const auth = { authorization: `Bearer ${credentials.TOKEN_API_KEY}` };
  const post = (body, headers = auth) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const expectations = [
    ['/fetch_rtc_token', post({ ChannelName: 'room', uid: 42, role: 1 }), 200, (body) => checkToken(consumer, body.token, 'room', '42')],
    ['/fetch_rtc_token', post({ ChannelName: 'room', uid: 42, role: 1 }, { authorization: 'Bearer wrong' }), 403],
    ['/fetch_rtc_token', post({ ChannelName: 'room', uid: -1, role: 1 }), 400],
    ['/fetch_rtc_token', { method: 'GET', headers: auth }, 405],
    ['/healthz', { method: 'GET' }, 200],
  ];
  for (const [path, init, status, check] of expectations) {
    const res = await request(base + path, init);
    noSecret(res.text);
    if (res.status !== status) fail(`${init.method} ${base + path}: status ${res.status}, expected ${status}: ${res.text.slice(0, 300)}`);
    check?.(JSON.parse(res.text));
  }
  return expectations.length;
}

/**
 * Runs a token-printing script through `run(args, env)`, which returns `{ code, stdout, stderr }`.
 * @returns {Promise<number>} the number of runs checked
 */
export async function checkTokenScript(consumer, run) {
  const ok = await run(['room', '42'], credentials);
  if (ok.code !== 0) fail(`exit code ${ok.code}: ${ok.stderr}`);
  checkToken(consumer, ok.stdout.trim(), 'room', '42');
  const bad = await run(['room', 'abc'], credentials);
  noSecret(bad.stdout + bad.stderr);
  if (bad.code !== 2 || !bad.stderr.includes('ERR_INVALID_UID')) fail(`bad uid: exit code ${bad.code}, ${bad.stderr}`);
  const unset = await run(['room', '42'], { AGORA_APP_ID: '', AGORA_APP_CERTIFICATE: '' });
  if (unset.code !== 1) fail(`without credentials: exit code ${unset.code}`);
  return 3;
}
