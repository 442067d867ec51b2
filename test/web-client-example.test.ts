// examples/web-client in headless Chromium: the real agora-rtc-sdk-ng, bundled by the example's own
// build, gets a token from the built `agora-token-kit serve` and joins with it. Only loopback is
// reachable: every other request is aborted, so the join must fail, and the page must say so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, type DecodedToken007, verifyToken } from '../src/index.js';
import { launchChromium } from './support/chromium.mjs';
import { type CliServer, startCliServer } from './support/cli-server.js';

const example = fileURLToPath(new URL('../examples/web-client/', import.meta.url));
const appId = '5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a';
const appCertificate = 'c0ffee00deadbeef0123456789abcdef';
// The example gives Agora's servers this long before it reports the join as failed (src/main.js).
const JOIN_TIMEOUT_MS = 20_000;

const FILES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/style.css': ['style.css', 'text/css'],
  '/dist/main.js': ['dist/main.js', 'text/javascript'],
};

let dir: string;
let pageServer: Server;
let pageUrl: string;
let tokenServer: CliServer;
let context: BrowserContext;
let page: Page;
/** Requests the page made beyond loopback, all aborted: what the SDK tried to reach. */
const outside: { url: string; body: string | null }[] = [];

beforeAll(async () => {
  if (!existsSync(join(example, 'node_modules', 'agora-rtc-sdk-ng'))) {
    throw new Error('examples/web-client is not installed: run npm run install:examples (npm ci --prefix examples/web-client)');
  }
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: example, encoding: 'utf8', timeout: 60_000 });
  if (build.status !== 0) throw new Error(`the example's build failed: ${build.stderr}`);

  dir = mkdtempSync(join(tmpdir(), 'agora-web-client-'));
  pageServer = createServer((request, response) => {
    const file = FILES[new URL(request.url ?? '/', 'http://x').pathname];
    if (file === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(join(example, file[0])));
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(pageServer.address() as { port: number }).port}`;
  tokenServer = await startCliServer({
    args: ['--allow-origin', origin],
    env: { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate },
    cwd: dir,
  });
  pageUrl = `${origin}/?appId=${appId}&server=${encodeURIComponent(tokenServer.url)}`;

  context = await launchChromium(join(dir, 'profile'));
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      outside.push({ url: route.request().url(), body: route.request().postData() });
      return route.abort('internetdisconnected');
    },
  );
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await tokenServer?.stop();
  await new Promise((resolve) => pageServer?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const log = () => page.locator('#log li').allInnerTexts();

/** The `key` (token), `cname` and `appid` of the SDK's request to Agora's gateway, from its form body. */
function gatewayJoin(body: string): { appid: string; cname: string; key: string } {
  const json = /name="request"\r\n\r\n(\{.*\})\r\n/s.exec(body)?.[1];
  if (json === undefined) throw new Error(`no request field in the gateway body: ${body.slice(0, 200)}`);
  const request = JSON.parse(json) as { appid: string; request_bodies: { buffer: { cname: string; key: string } }[] };
  const { cname, key } = request.request_bodies[0]!.buffer;
  return { appid: request.appid, cname, key };
}

describe('examples/web-client', () => {
  it('loads the real agora-rtc-sdk-ng from npm, bundled by esbuild', async () => {
    const installed = JSON.parse(readFileSync(join(example, 'node_modules/agora-rtc-sdk-ng/package.json'), 'utf8')) as { version: string };
    await expect.poll(log).toContainEqual(expect.stringMatching(new RegExp(` agora-rtc-sdk-ng ${installed.version.replaceAll('.', '\\.')} loaded$`)));
    expect(await page.locator('#status').innerText()).toBe('not joined');
  });

  it(
    'joins with a token from the local serve, and reports the unreachable Agora network in words, within the join timeout',
    async () => {
      const tokenResponse = page.waitForResponse((r) => r.url().endsWith('/fetch_rtc_token'));
      const gatewayRequest = page.waitForRequest((r) => r.url().includes('.agora.io/api/') && r.method() === 'POST', { timeout: 15_000 });
      const clicked = Date.now();
      await page.click('#join');

      const { token } = (await (await tokenResponse).json()) as { token: string };
      expect(verifyToken(token, appCertificate)).toBe(true);
      expect((decodeToken(token) as DecodedToken007).services).toEqual([expect.objectContaining({ type: 1, channelName: 'ChannelA', uid: '' })]);
      // What the SDK's join sent to Agora: this very token, for the channel and App ID on the page.
      expect(gatewayJoin((await gatewayRequest).postData() ?? '')).toEqual({ appid: appId, cname: 'ChannelA', key: token });

      const error = page.locator('#error');
      await error.waitFor({ state: 'visible', timeout: JOIN_TIMEOUT_MS + 10_000 });
      expect(Date.now() - clicked).toBeGreaterThanOrEqual(JOIN_TIMEOUT_MS - 1_000);
      expect(await error.innerText()).toBe(
        `Could not join "ChannelA": the token came, but Agora's servers did not answer within 20 s. Check the network (a firewall or proxy may block *.agora.io) and that the App ID is the one the token server signs for.`,
      );
      expect(await page.locator('#status').innerText()).toBe('DISCONNECTED');
      expect(await page.locator('#join').isEnabled()).toBe(true);
      const events = await log();
      expect(events).toContainEqual(expect.stringMatching(/ fetching a token from http:\/\/127\.0\.0\.1:\d+ \(initial\)$/));
      expect(events).toContainEqual(expect.stringMatching(/ connection DISCONNECTED → CONNECTING$/));
      expect(outside.every((r) => /\.(agora\.io|sd-rtn\.com)$/.test(new URL(r.url).hostname))).toBe(true);
    },
    JOIN_TIMEOUT_MS + 30_000,
  );
});
