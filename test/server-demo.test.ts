// The web demo in headless Chromium against the built `agora-token-kit serve`, with Playwright's fake
// clock standing in for the 40 seconds of a token's life.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-demo-'));
  server = await startCliServer({ env: { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate }, cwd: dir });
  context = await launchChromium(join(dir, 'profile'));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
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
    expect((await events()).some((e) => e.includes('token-privilege-will-expire: renewing'))).toBe(true);
    expect((await events()).at(-1)).toMatch(/token renewed: valid 40 s$/);
  });

  it('shows a failed renewal plainly, then fetches a fresh token after expiry (token-privilege-did-expire)', async () => {
    await page.route('**/fetch_rtc_token', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: '503', error: 'token service down for maintenance' }) }),
    );
    await page.clock.fastForward(10_500);
    await expect.poll(() => text('#error')).toBe('Renewal failed. The server answered 503: token service down for maintenance');
    expect(await text('#token-count')).toBe('2');
    await page.unroute('**/fetch_rtc_token');
    await page.clock.fastForward(30_000);
    await waitForCount(3);
    await currentToken();
    const log = await events();
    expect(log.some((e) => e.includes('token-privilege-did-expire: fetching a fresh token'))).toBe(true);
    expect(log.at(-1)).toMatch(/fresh token: valid 40 s$/);
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it("shows the server's refusal, naming the field", async () => {
    await page.fill('#channel', 'room/1');
    await page.click('#fetch');
    await expect.poll(() => text('#error')).toContain('The server answered 400: "ChannelName": channel name may contain only');
    await page.fill('#channel', 'ChannelA');
    await page.fill('#uid', '4294967296');
    await page.click('#fetch');
    await expect.poll(() => text('#error')).toBe('The server answered 400: "uid" must be an integer from 0 to 4294967295, got 4294967296');
    expect(pageErrors).toEqual([]);
  });
});
