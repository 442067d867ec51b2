// The guide's web client without the Agora Web SDK: fetch a token, show what it holds, keep it renewed.
// Renewal is agora-token-kit/client's (dist/browser/client.js): this page only fetches and shows.
import { decodeToken } from './agora-token-kit.js';
import { createTokenRenewer } from './client.js';

const SERVICE_NAMES = { 1: 'RTC', 2: 'RTM', 3: 'Streaming', 4: 'FPA', 5: 'Chat', 6: 'FCDN', 7: 'APaaS', 8: 'RTM2', 9: 'ConvoAI', 10: 'STT' };
const RTC_PRIVILEGES = { 1: 'join channel', 2: 'publish audio', 3: 'publish video', 4: 'publish data stream' };
const APPLIED = { initial: 'token received', renew: 'token renewed', expired: 'fresh token after expiry' };

const el = (id) => document.getElementById(id);
const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');

/** The renewer of the token on screen, and the one started by a submit that has no token yet. */
let current = null;
let pending = null;
let fetched = 0;

function logEvent(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 19)} ${text}`;
  el('events').append(item);
}

function showError(message) {
  el('error').textContent = message;
  el('error').hidden = message === '';
}

async function fetchToken(body, signal) {
  const response = await fetch('/fetch_rtc_token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  const data = await response.json().catch(() => null);
  if (response.ok && typeof data?.token === 'string') return data.token;
  throw new Error(`The server answered ${response.status}: ${data?.error ?? response.statusText}`);
}

/** Issue time and earliest expiry as the token states them (the server's clock), for display. */
function timesOf(decoded) {
  if (decoded.version === '006') {
    // Every reference sets a 006 token's own expiry one day after issue, so that is where its issue time is.
    const issued = decoded.ts - 86_400;
    return { issued, lifetime: Math.min(decoded.ts, ...Object.values(decoded.privileges)) - issued };
  }
  const privileges = decoded.services.flatMap((s) => Object.values(s.privileges)).filter((v) => v > 0);
  return { issued: decoded.issueTs, lifetime: Math.min(decoded.expire, ...privileges) };
}

function describeService(service) {
  const name = SERVICE_NAMES[service.type] ?? `type ${service.type}`;
  const ids = [];
  if ('channelName' in service) ids.push(`channel "${service.channelName}"`);
  if ('uid' in service) ids.push(service.uid === '' ? 'any uid' : `uid "${service.uid}"`);
  if ('userId' in service) ids.push(`user "${service.userId}"`);
  const privileges = Object.entries(service.privileges).map(([id, seconds]) => `${(service.type === 1 && RTC_PRIVILEGES[id]) || `privilege ${id}`} ${seconds} s`);
  return `${name} · ${ids.join(' · ')}: ${privileges.join(', ') || 'no privileges'}`;
}

function describe006(decoded) {
  const privileges = Object.entries(decoded.privileges).map(([id, until]) => `${RTC_PRIVILEGES[id] ?? `privilege ${id}`} until ${iso(until)}`);
  return [
    `channel and uid are signed but stored only as CRC-32 (${decoded.crcChannelName}, ${decoded.crcUid})`,
    `privileges: ${privileges.join(', ')}`,
  ];
}

function render(token, decoded, { issued, lifetime }) {
  el('result').hidden = false;
  el('token').value = token;
  el('token-count').textContent = String(fetched);
  el('f-version').textContent = decoded.version;
  el('f-app-id').textContent = decoded.appId;
  el('f-issued').textContent = iso(issued);
  el('f-expires').textContent = `${iso(issued + lifetime)} (${lifetime} s after issue)`;
  const lines = decoded.version === '006' ? describe006(decoded) : decoded.services.map(describeService);
  el('services').replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
}

function tick() {
  const expiresAt = current?.expiresAt;
  if (expiresAt === undefined) return;
  const left = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
  el('countdown').textContent = left > 0 ? `${left} s` : 'expired';
}

function show(token, reason) {
  const decoded = decodeToken(token);
  const times = timesOf(decoded);
  fetched += 1;
  showError('');
  render(token, decoded, times);
  logEvent(`${APPLIED[reason]}: valid ${times.lifetime} s`);
}

function reportRenewalError(error, { reason, retryInMs }) {
  const retry = retryInMs === undefined ? '' : ` Retrying in ${(retryInMs / 1000).toFixed(1)} s.`;
  const what =
    error.code === 'ERR_TOKEN_EXPIRED'
      ? 'The token expired before a new one came'
      : reason === 'expired'
        ? 'The token has expired, and fetching a fresh one failed'
        : 'Renewal failed';
  showError(`${what} (${error.code}). ${error.message}${retry}`);
  logEvent(`${error.code}${retry}`);
}

/**
 * Starts renewing tokens for `request`. Only once its first token has come does it replace the
 * session on screen: a refused request leaves that session, and its renewals, as they were.
 */
async function startSession(request) {
  const renewer = createTokenRenewer({
    fetchToken: ({ reason, signal }) => {
      if (reason !== 'initial') logEvent(reason === 'renew' ? 'renewal due: fetching a token' : 'token expired: fetching a fresh one');
      return fetchToken(request, signal);
    },
    applyToken: (token, reason) => {
      if (reason !== 'initial') show(token, reason);
    },
    onError: reportRenewalError,
  });
  pending?.stop();
  pending = renewer;
  try {
    const token = await renewer.start();
    current?.stop();
    current = renewer;
    show(token, 'initial');
    tick();
  } finally {
    if (pending === renewer) pending = null;
  }
}

const UINT32_MAX = 4294967295;
const NUMBER_LIKE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The guide's client sends a numeric uid as a number; anything else is a user account. Text that
 * reads as a number but is no uid (-1, 1.5, 1e3, 4294967296) is refused: sent as an account, it
 * would get a token for a user who is not the one meant.
 */
function readUid(text) {
  if (!NUMBER_LIKE.test(text)) return text;
  if (/^\d+$/.test(text) && Number(text) <= UINT32_MAX) return Number(text);
  throw new Error(`User ID "${text}" is not a valid uid: a numeric uid is a whole number from 0 to ${UINT32_MAX} (0 lets Agora pick one). A user account must not read as a number.`);
}

el('request').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await startSession({
      uid: readUid(el('uid').value.trim()),
      ChannelName: el('channel').value,
      role: Number(el('role').value),
      tokenExpire: Number(el('expire').value),
    });
  } catch (error) {
    // A submit overtaken by a newer one was stopped on purpose: nothing to show.
    if (error.code !== 'ERR_RENEWER_STOPPED') showError(error.cause?.message ?? error.message);
  }
});

async function showServerInfo() {
  const response = await fetch('/demo/server.json');
  const info = response.ok ? await response.json() : {};
  el('demo-credentials').hidden = info.demoCredentials !== true;
}

// The countdown only displays the renewer's expiresAt; it schedules nothing.
setInterval(tick, 1000);
void showServerInfo();
