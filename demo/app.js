// The guide's web client without the Agora Web SDK: fetch a token, show what it holds, renew it.
import { decodeToken } from './agora-token-kit.js';

// The Web SDK raises token-privilege-will-expire this long before the privileges run out.
const RENEW_BEFORE_SECONDS = 30;
// Every reference sets a 006 token's own expiry one day after issue, so that is where its issue time is.
const LIFETIME_006 = 86_400;

const SERVICE_NAMES = { 1: 'RTC', 2: 'RTM', 3: 'Streaming', 4: 'FPA', 5: 'Chat', 6: 'FCDN', 7: 'APaaS', 8: 'RTM2', 9: 'ConvoAI', 10: 'STT' };
const RTC_PRIVILEGES = { 1: 'join channel', 2: 'publish audio', 3: 'publish video', 4: 'publish data stream' };

const el = (id) => document.getElementById(id);
const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');

/** The request of the token on screen: renewals repeat it, whatever the form holds by then. */
let session = null;
let fetched = 0;
let deadline = 0;
let willExpire;
let didExpire;

function logEvent(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 19)} ${text}`;
  el('events').append(item);
}

function showError(message) {
  el('error').textContent = message;
  el('error').hidden = message === '';
}

async function fetchToken(body) {
  const response = await fetch('/fetch_rtc_token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (response.ok && typeof data?.token === 'string') return data.token;
  throw new Error(`The server answered ${response.status}: ${data?.error ?? response.statusText}`);
}

/**
 * Issue time and lifetime, both read from the token (the server's clock). Timers then run on the
 * lifetime alone, so a client clock that is off by minutes still renews on time.
 */
function timesOf(decoded) {
  if (decoded.version === '006') {
    const issued = decoded.ts - LIFETIME_006;
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
  const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  el('countdown').textContent = left > 0 ? `${left} s` : 'expired';
}

function schedule(lifetime) {
  clearTimeout(willExpire);
  clearTimeout(didExpire);
  deadline = Date.now() + lifetime * 1000;
  // A token shorter-lived than the warning is renewed half-way, not at once in a loop.
  const renewAfter = lifetime > RENEW_BEFORE_SECONDS ? lifetime - RENEW_BEFORE_SECONDS : lifetime / 2;
  willExpire = setTimeout(onWillExpire, renewAfter * 1000);
  didExpire = setTimeout(onDidExpire, lifetime * 1000);
  tick();
}

/** Fetches a token for `request`; only once the server has given one does `request` become the session. */
async function getToken(what, request = session) {
  const token = await fetchToken(request);
  const decoded = decodeToken(token);
  const times = timesOf(decoded);
  session = request;
  fetched += 1;
  showError('');
  render(token, decoded, times);
  schedule(times.lifetime);
  logEvent(`${what}: valid ${times.lifetime} s`);
}

async function onWillExpire() {
  logEvent('token-privilege-will-expire: renewing');
  try {
    await getToken('token renewed');
  } catch (error) {
    showError(`Renewal failed. ${error.message}`);
    logEvent('renewal failed');
  }
}

async function onDidExpire() {
  clearTimeout(willExpire);
  logEvent('token-privilege-did-expire: fetching a fresh token');
  try {
    await getToken('fresh token');
  } catch (error) {
    showError(`The token expired and no fresh one could be fetched. ${error.message}`);
    logEvent('fresh token failed; press "Get token" to retry');
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
    const request = {
      uid: readUid(el('uid').value.trim()),
      ChannelName: el('channel').value,
      role: Number(el('role').value),
      tokenExpire: Number(el('expire').value),
    };
    // A refused request leaves the session on screen, and its renewals, as they were.
    await getToken('token received', request);
  } catch (error) {
    showError(error.message);
  }
});

async function showServerInfo() {
  const response = await fetch('/demo/server.json');
  const info = response.ok ? await response.json() : {};
  el('demo-credentials').hidden = info.demoCredentials !== true;
}

setInterval(tick, 1000);
void showServerInfo();
