// The web client of Agora's token guide: join with a token from the token server, renew it before
// it expires, join again with a fresh one after it has. agora-token-kit/client does the timing.
import AgoraRTC from 'agora-rtc-sdk-ng';
import { joinRtcWithToken } from 'agora-token-kit/client';

// The SDK retries an unreachable network for a long time; the page says so well before the user wonders.
const JOIN_TIMEOUT_MS = 20_000;

const el = (id) => document.getElementById(id);

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 19)} ${text}`;
  el('log').append(item);
}

function showError(message) {
  el('error').textContent = message;
  el('error').hidden = message === '';
}

// Fields can be preset from the address: ?server=…&appId=…&channel=…&uid=…&expire=…
const params = new URLSearchParams(location.search);
for (const [param, id] of [['server', 'server'], ['appId', 'app-id'], ['channel', 'channel'], ['uid', 'uid'], ['expire', 'expire']]) {
  if (params.has(param)) el(id).value = params.get(param);
}

AgoraRTC.setLogLevel(3); // errors only: the SDK's own console output is otherwise very chatty
log(`agora-rtc-sdk-ng ${AgoraRTC.VERSION} loaded`);
const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
client.on('connection-state-change', (state, previous, reason) => {
  el('status').textContent = state;
  log(`connection ${previous} → ${state}${reason ? ` (${reason})` : ''}`);
});
client.on('token-privilege-will-expire', () => log('SDK: token-privilege-will-expire'));
client.on('token-privilege-did-expire', () => log('SDK: token-privilege-did-expire'));

/** The guide's request: POST /fetch_rtc_token {uid, ChannelName, role} → {token}. */
async function fetchToken(server, body, { reason, signal }) {
  log(`fetching a token from ${server} (${reason})`);
  const response = await fetch(new URL('/fetch_rtc_token', server), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  const data = await response.json().catch(() => null);
  if (response.ok && typeof data?.token === 'string') return data.token;
  throw new Error(`the token server answered ${response.status}: ${data?.error ?? response.statusText}`);
}

class JoinTimeout extends Error {}

/** What went wrong, in words: the token server's answer, the SDK's error, or the SDK's silence. */
function describe(error) {
  if (error instanceof JoinTimeout) return error.message;
  if (error.code === 'ERR_TOKEN_FETCH_FAILED') return `no token: ${error.cause?.message ?? error.message}`;
  const sdkError = error.code === 'ERR_TOKEN_APPLY_FAILED' ? error.cause : error;
  return `the Agora SDK failed (${sdkError?.code ?? error.code}): ${sdkError?.message ?? error.message}`;
}

function withTimeout(promise, ms, onTimeout) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new JoinTimeout(`the token came, but Agora's servers did not answer within ${ms / 1000} s. Check the network (a firewall or proxy may block *.agora.io) and that the App ID is the one the token server signs for.`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let session = null;

el('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const server = el('server').value.trim();
  const appId = el('app-id').value.trim();
  const channel = el('channel').value;
  const uid = Number(el('uid').value);
  const tokenExpire = Number(el('expire').value);
  showError('');
  el('join').disabled = true;
  log(`joining "${channel}" as uid ${uid === 0 ? '(any: Agora assigns one)' : uid}`);
  try {
    const joining = joinRtcWithToken(client, {
      appId,
      channel,
      // uid 0 asks Agora for a uid; the token for uid 0 is valid for whichever it gives.
      uid: uid === 0 ? null : uid,
      fetchToken: (context) => fetchToken(server, { uid, ChannelName: channel, role: 1, tokenExpire }, context),
      onTokenApplied: (_token, reason) => log(reason === 'initial' ? 'joined with the token' : `token applied (${reason})`),
      onError: (error, { retryInMs }) => log(`${error.code}: ${error.message}${retryInMs === undefined ? '' : `; retrying in ${(retryInMs / 1000).toFixed(1)} s`}`),
    });
    // Leaving cancels a join in progress, so a timed-out join ends instead of retrying on.
    session = await withTimeout(joining, JOIN_TIMEOUT_MS, () => void client.leave());
    log(`joined "${channel}" as uid ${session.uid}`);
    el('leave').disabled = false;
  } catch (error) {
    const message = `Could not join "${channel}": ${describe(error)}`;
    showError(message);
    log(message);
    el('join').disabled = false;
  }
});

el('leave').addEventListener('click', async () => {
  el('leave').disabled = true;
  await session?.leave();
  session = null;
  log('left the channel');
  el('join').disabled = false;
});
