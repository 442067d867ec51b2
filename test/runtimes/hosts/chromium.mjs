// Headless Chromium from Debian's package, driven by playwright-core (which downloads nothing when
// given an executablePath).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { bundleSuite } from '../bundle.mjs';
import { exec } from '../proc.mjs';

const executablePath = '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const chromiumHost = {
  name: 'chromium',
  version: async () => (await exec(executablePath, ['--version'])).stdout.trim(),
  webOnly: true,
  async suite(consumer) {
    const code = readFileSync(await bundleSuite(consumer, 'browser', 'iife'), 'utf8');
    const profile = mkdtempSync(join(tmpdir(), 'agora-token-kit-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath, args, headless: true, timeout: 60_000 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><title>agora-token-kit</title>');
      await page.addScriptTag({ content: code });
      const report = await page.evaluate(() => globalThis.agoraReport);
      if (!report) throw new Error(`the page did not report: ${errors.join('; ')}`);
      return report;
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};
