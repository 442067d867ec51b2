// The peer-suite runner (test/peers/run.mjs, `npm run test:peers`) must fail when this package
// stops behaving like the peers, and when the not-applicable list no longer matches the suites.
// It reads dist/, so build first.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RUNNER = 'test/peers/run.mjs';
const work = mkdtempSync(join(tmpdir(), 'agora-token-kit-peers-'));
const swapped: string[] = [];
afterAll(() => {
  for (const dir of [work, ...swapped]) rmSync(dir, { recursive: true, force: true });
});

function runner(...args: string[]) {
  const r = spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: r.stdout + r.stderr, last: r.stdout.trim().split('\n').at(-1) };
}

// Each run forks one process per peer test file: seconds, more on a loaded machine.
describe('peer-suite runner', { timeout: 120_000 }, () => {
  it('fails when a shim swaps the RTC roles, naming the tests that caught it', () => {
    // Beside the real shims, so that their relative paths into dist/ still resolve.
    const shims = mkdtempSync('test/peers/shims-swapped-');
    swapped.push(shims);
    cpSync('test/peers/shims', shims, { recursive: true });
    writeFileSync(
      join(shims, 'agora-token/src/RtcTokenBuilder2.cjs'),
      "const kit = require('../../../../../dist/index.cjs');\nmodule.exports = { RtcTokenBuilder: kit.RtcTokenBuilder, Role: { PUBLISHER: 2, SUBSCRIBER: 1 } };\n",
    );
    const r = runner('--shims', shims);
    expect(r.status).toBe(1);
    // Every shim loads: the failures are the swapped roles, nothing else.
    expect(r.out).not.toContain('did not load');
    expect(r.out).toContain('FAIL agora-token RtcTokenBuilder2Test.js buildTokenWithUid_PUBLISHER_Test failed');
    expect(r.out).toContain('FAIL agora-token ConvoAITokenBuilderTest.js buildToken_SUBSCRIBER_Test failed');
    expect(r.last).toMatch(/^peers: \d+ passed, [1-9]\d* failed$/);
  });

  it('passes, with the per-suite counts that the README states', () => {
    const r = runner();
    expect(r.status).toBe(0);
    expect(r.last).toMatch(/^peers: \d+ passed, 0 failed$/);
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    const counts = [...r.out.matchAll(/^(\S+)@(\S+): (\d+) tests, (\d+) passed, (\d+) not applicable/gm)];
    expect(counts.map((m) => m[1])).toEqual(['agora-token', 'agora-access-token']);
    for (const [, peer, version, total, passed, notApplicable] of counts) {
      expect(readme).toContain(`\`${peer}@${version}\`'s ${total} tests, ${passed} pass${passed === '1' ? 'es' : ''} and ${notApplicable} are not applicable`);
    }
  });

  it('fails when a listed test passes or an unlisted one fails', () => {
    const list = JSON.parse(readFileSync('test/peers/not-applicable.json', 'utf8'));
    delete list['agora-token']['DynamicKeyTest.js']['RecordingKey5_Test'];
    list['agora-token']['ChatTokenBuilderTest.js'] = { buildAppToken_Test: 'a wrong entry' };
    const file = join(work, 'not-applicable.json');
    writeFileSync(file, JSON.stringify(list));
    const r = runner('--not-applicable', file);
    expect(r.status).toBe(1);
    expect(r.out).toContain('FAIL agora-token DynamicKeyTest.js RecordingKey5_Test failed');
    expect(r.out).toContain('FAIL agora-token ChatTokenBuilderTest.js buildAppToken_Test passes but is listed as not applicable');
    expect(r.last).toMatch(/^peers: \d+ passed, 2 failed$/);
  });
});
