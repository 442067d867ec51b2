import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./fixtures/client/realtime-renewal.mjs', import.meta.url));
const LIMIT_MS = 40_000;

interface Run {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

function run(): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, stdout, stderr });
    });
  });
}

it(
  'renews a 33 s token once in real time; after stop() nothing runs and the process ends by itself',
  async () => {
    if (!existsSync(fileURLToPath(new URL('../dist/client.js', import.meta.url)))) throw new Error('run `npm run build` before the tests');
    const { code, killed, stdout, stderr } = await run();
    expect(stderr).toBe('');
    expect(killed).toBe(false);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      fetches: { reason: string; at: number }[];
      calls: { call: string; at: number }[];
      listeners: number;
      timersAfterStop: string[];
    };
    expect(report.fetches.map((f) => f.reason)).toEqual(['initial', 'renew']);
    expect(report.calls.map((c) => c.call)).toEqual(['join', 'renewToken']);
    // Due 3 s after receipt (33 s − 30 s), never before; the upper bound only catches a lost timer.
    const renewedAfter = report.calls[1]!.at - report.calls[0]!.at;
    expect(renewedAfter).toBeGreaterThanOrEqual(2900);
    expect(renewedAfter).toBeLessThan(15_000);
    expect(report.listeners).toBe(0);
    expect(report.timersAfterStop).toEqual([]);
  },
  LIMIT_MS + 5000,
);
