// The vector suite bundled as one script in headless Chromium (test/support/chromium.mjs finds it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSuite } from '../bundle.mjs';
import { exec } from '../proc.mjs';
import { findChromium, launchChromium } from '../../support/chromium.mjs';

export const chromiumHost = {
  name: 'chromium',
  version: async () => (await exec(findChromium(), ['--version'])).stdout.trim(),
  webOnly: true,
  async suite(consumer) {
    const code = readFileSync(await bundleSuite(consumer, 'browser', 'iife'), 'utf8');
    const profile = mkdtempSync(join(tmpdir(), 'agora-token-kit-chromium-'));
    const context = await launchChromium(profile);
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
