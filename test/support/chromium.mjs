// The one place tests find and launch a browser: Debian's (or any local) Chromium driven by
// playwright-core, which downloads nothing when given an executablePath.
//   CHROMIUM_PATH=/path/to/chrome npm test   picks a browser explicitly.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser's path: $CHROMIUM_PATH, else the first of the usual names on $PATH. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) if (executable(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `no Chromium found: looked for ${names.join(', ')} on PATH. Install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
}

/** A headless Chromium with its own profile directory; close the context to end it. */
export function launchChromium(profileDir) {
  return chromium.launchPersistentContext(profileDir, { executablePath: findChromium(), args: chromiumArgs, headless: true, timeout: 60_000 });
}
