// The browser is found, not assumed at one path, and a machine without one gets a message that says
// what to do.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './support/chromium.mjs';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBrowser(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first', () => {
    const path = fakeBrowser('my-chrome');
    expect(findChromium({ CHROMIUM_PATH: path, PATH: '/usr/bin' })).toBe(path);
  });

  it('refuses a CHROMIUM_PATH that is not executable', () => {
    expect(() => findChromium({ CHROMIUM_PATH: join(dir, 'missing') })).toThrow(/CHROMIUM_PATH=.*missing is not an executable/);
  });

  it('finds the usual names on PATH', () => {
    const path = fakeBrowser('chromium-browser');
    expect(findChromium({ PATH: `${join(dir, 'empty')}:${dir}` })).toBe(path);
  });

  it('says how to get one when there is none', () => {
    expect(() => findChromium({ PATH: join(dir, 'empty') })).toThrow(/no Chromium found.*apt-get install -y chromium.*CHROMIUM_PATH/);
  });
});
