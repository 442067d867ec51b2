// The web demo in headless Chromium against the built `agora-token-kit serve`, with Playwright's fake
// clock standing in for the 40 seconds of a token's life.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, type DecodedToken007, verifyToken } from '../src/index.js';
import { launchChromium } from './support/chromium.mjs';
import { type CliServer, startCliServer } from './support/cli-server.js';

const appId = '5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a';
const appCertificate = 'c0ffee00deadbeef0123456789abcdef';
const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');

let server: CliServer;
let context: BrowserContext;
let page: Page;
let dir: string;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-demo-'));
  server = await startCliServer({ env: { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate }, cwd: dir });
  context = await launchChromium(join(dir, 'profile'));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
  // Paused: page time moves only when a test moves it, so every timer fires exactly when expected.
  await page.clock.install();
  await page.goto(`${server.url}/`);
  await page.clock.pauseAt(Date.now() + 1_000);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const text = (selector: string) => page.locator(selector).innerText();
const waitForCount = (n: number) => page.waitForFunction((m) => document.getElementById('token-count')?.textContent === String(m), n, { timeout: 10_000 });
const events = () => page.locator('#events li').allInnerTexts();
const posts = () => server.lines.filter((line) => line.startsWith('POST /fetch_rtc_token ')).length;
/** How far the page scrolls sideways, in CSS pixels: 0 when everything fits the viewport. */
const sidewaysScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A token server that is down, for `page.route`. */
const failing = (route: Route) =>
  route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: '503', error: 'token service down for maintenance' }) });

/**
 * Moves page time on in 1 s steps, each followed by a moment of real time for the page's fetches,
 * until `done` holds; fails if it does not within `ms` of page time.
 */
async function stepUntil(done: () => Promise<boolean>, ms: number): Promise<void> {
  for (let passed = 0; !(await done()); passed += 1_000) {
    if (passed >= ms) throw new Error(`not done after ${ms} ms of page time; events: ${(await events()).join(' | ')}`);
    await page.clock.fastForward(1_000);
    await page.waitForTimeout(100);
  }
}

async function currentToken(): Promise<DecodedToken007> {
  const token = await page.locator('#token').inputValue();
  expect(verifyToken(token, appCertificate)).toBe(true);
  return decodeToken(token) as DecodedToken007;
}

describe('the web demo', () => {
  it('gets a token and shows the decoded fields of the request', async () => {
    await page.fill('#channel', 'ChannelA');
    await page.fill('#uid', '123');
    await page.selectOption('#role', '1');
    await page.fill('#expire', '40');
    await page.click('#fetch');
    await waitForCount(1);
    const decoded = await currentToken();
    expect(decoded.services).toEqual([expect.objectContaining({ type: 1, channelName: 'ChannelA', uid: '123' })]);
    expect(await text('#f-version')).toBe('007');
    expect(await text('#f-app-id')).toBe(appId);
    expect(await text('#f-issued')).toBe(iso(decoded.issueTs));
    expect(await text('#f-expires')).toBe(`${iso(decoded.issueTs + 40)} (40 s after issue)`);
    expect(await page.locator('#services li').allInnerTexts()).toEqual([
      'RTC · channel "ChannelA" · uid "123": join channel 40 s, publish audio 40 s, publish video 40 s, publish data stream 40 s',
    ]);
    expect(await text('#countdown')).toBe('40 s');
    await page.clock.fastForward(5_000);
    expect(await text('#countdown')).toBe('35 s');
  });

  it('renews the token 30 s before it expires (token-privilege-will-expire)', async () => {
    const first = await page.locator('#token').inputValue();
    // 5 s have passed; at 9 s nothing is due yet.
    await page.clock.fastForward(4_000);
    await page.waitForTimeout(300);
    expect(await text('#token-count')).toBe('1');
    await page.clock.fastForward(1_500);
    await waitForCount(2);
    expect(await page.locator('#token').inputValue()).not.toBe(first);
    await currentToken();
    expect((await events()).slice(-2)).toEqual([expect.stringMatching(/renewal due: fetching a token$/), expect.stringMatching(/token renewed: valid 40 s$/)]);
  });

  it('renews through agora-token-kit/client, which retries a failed renewal with backoff', async () => {
    // The page has no scheduling code of its own: the renewer of the client entry does it all.
    const app = readFileSync(new URL('../demo/app.js', import.meta.url), 'utf8');
    expect(app).toContain("import { createTokenRenewer } from './client.js';");
    expect(app).not.toMatch(/setTimeout|requestAnimationFrame/);
    expect(server.lines).toContainEqual(expect.stringMatching(/^GET \/demo\/client\.js 200 /));

    await page.route('**/fetch_rtc_token', failing, { times: 1 });
    await page.clock.fastForward(10_500);
    await expect
      .poll(() => text('#error'))
      .toMatch(/^Renewal failed \(ERR_TOKEN_FETCH_FAILED\)\. fetchToken failed: The server answered 503: token service down for maintenance Retrying in (0\.[5-9]|1\.0) s\.$/);
    expect(await text('#token-count')).toBe('2');
    // The first retry comes within 1 s (1 s backoff, of which jitter drops up to half) and succeeds.
    await page.clock.fastForward(1_000);
    await waitForCount(3);
    await currentToken();
    expect((await events()).at(-1)).toMatch(/token renewed: valid 40 s$/);
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it('reports the expiry when renewals keep failing, then fetches a fresh token (token-privilege-did-expire)', async () => {
    await page.route('**/fetch_rtc_token', failing);
    await stepUntil(async () => (await events()).some((e) => e.endsWith(' ERR_TOKEN_EXPIRED')), 45_000);
    await stepUntil(async () => (await text('#error')).startsWith('The token has expired, and fetching a fresh one failed (ERR_TOKEN_FETCH_FAILED).'), 2_000);
    expect(await text('#countdown')).toBe('expired');
    expect(await text('#token-count')).toBe('3');
    await page.unroute('**/fetch_rtc_token');
    // Retries go on after the expiry, 30 s apart at most.
    await stepUntil(async () => (await text('#token-count')) === '4', 35_000);
    await currentToken();
    const log = await events();
    expect(log).toContainEqual(expect.stringMatching(/token expired: fetching a fresh one$/));
    expect(log.at(-1)).toMatch(/fresh token after expiry: valid 40 s$/);
    expect(await page.locator('#error').isHidden()).toBe(true);
    // The countdown, redrawn each second, reads the renewer's expiresAt of the fresh token.
    await page.clock.fastForward(1_000);
    expect(await text('#countdown')).toMatch(/^3[89] s$/);
  });

  it("shows the server's refusal, naming the field", async () => {
    await page.fill('#channel', 'room/1');
    await page.click('#fetch');
    await expect.poll(() => text('#error')).toContain('The server answered 400: "ChannelName": channel name may contain only');
  });

  it('refuses a User ID that reads as a number but is no uid, before asking the server', async () => {
    const before = posts();
    for (const uid of ['-1', '4294967296', '1.5', '1e3']) {
      await page.fill('#uid', uid);
      await page.click('#fetch');
      await expect.poll(() => text('#error')).toBe(
        `User ID "${uid}" is not a valid uid: a numeric uid is a whole number from 0 to 4294967295 (0 lets Agora pick one). A user account must not read as a number.`,
      );
    }
    expect(posts()).toBe(before);
    expect(await text('#token-count')).toBe('4');
  });

  it('keeps renewing the token on screen for its own request after refused submits', async () => {
    // The last token (ChannelA, uid 123) came at the did-expire; its renewal is due 10 s later. The
    // form now holds refused input, which must not have replaced the request that renewals repeat.
    await page.fill('#channel', 'room/1');
    await page.fill('#uid', '7');
    await page.click('#fetch');
    await expect.poll(() => text('#error')).toContain('The server answered 400: "ChannelName"');
    await stepUntil(async () => (await text('#token-count')) === '5', 15_000);
    expect((await currentToken()).services).toEqual([expect.objectContaining({ type: 1, channelName: 'ChannelA', uid: '123' })]);
    expect((await events()).at(-1)).toMatch(/token renewed: valid 40 s$/);
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it('sends any other User ID as a user account', async () => {
    await page.fill('#channel', 'ChannelA');
    await page.fill('#uid', 'alice-1');
    await page.click('#fetch');
    await waitForCount(6);
    expect((await currentToken()).services).toEqual([expect.objectContaining({ type: 1, channelName: 'ChannelA', uid: 'alice-1' })]);
  });

  it('has a favicon, so no request fails, and says nothing of demo credentials when it has real ones', async () => {
    await expect.poll(() => server.lines.some((line) => line.startsWith('GET /demo/favicon.svg 200 '))).toBe(true);
    expect(server.lines.filter((line) => / [45]\d\d /.test(line) && line.startsWith('GET '))).toEqual([]);
    // The 503 and 400 answers above are the only failed requests: the browser logs each of them.
    expect(consoleErrors.filter((e) => !/status of (503|400) /.test(e))).toEqual([]);
    expect(consoleErrors.length).toBeGreaterThan(0);
    expect(await page.locator('#demo-credentials').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('fits a 390 px wide phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.fill('#uid', 'x'.repeat(60));
    await page.click('#fetch');
    await waitForCount(7);
    expect(await sidewaysScroll(page)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await sidewaysScroll(page)).toBe(0);
  });
});

describe('the web demo on generated demo credentials', () => {
  let demoServer: CliServer;
  let demoPage: Page;

  beforeAll(async () => {
    demoServer = await startCliServer({ cwd: dir });
    demoPage = await context.newPage();
    await demoPage.setViewportSize({ width: 390, height: 844 });
    await demoPage.goto(`${demoServer.url}/`);
  }, 30_000);

  afterAll(async () => {
    await demoPage?.close();
    await demoServer?.stop();
  });

  it('says plainly that Agora will reject its tokens', async () => {
    const notice = demoPage.locator('#demo-credentials');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await notice.innerText()).toMatch(/generated demo credentials: its tokens are well-formed, but Agora's servers reject them/);
    await demoPage.click('#fetch');
    await demoPage.waitForFunction(() => document.getElementById('token-count')?.textContent === '1', null, { timeout: 10_000 });
    expect(await sidewaysScroll(demoPage)).toBe(0);
  });
});
