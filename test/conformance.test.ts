// The conformance runner, through the built bin, against real adapters: this library's (all pass),
// agora-token@2.0.6's (exactly the divergences the vectors record), and two deliberately broken ones.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { type VectorTest, vectorFiles } from './support/vector-files.js';

interface Result {
  file: string;
  function: string;
  tcId: number;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
}
interface Report {
  adapter: string[];
  summary: { total: number; passed: number; failed: number; skipped: number };
  files: { file: string; total: number; passed: number; failed: number; skipped: number }[];
  results: Result[];
}

// agora-token is a test dependency, in test/node_modules (test/package.json): the example adapter,
// outside test/, finds it there through NODE_PATH.
const AGORA_TOKEN = { NODE_PATH: fileURLToPath(new URL('node_modules', import.meta.url)) };

const ALL = Object.values(vectorFiles).reduce((n, f) => n + f.testGroups.reduce((m, g) => m + g.tests.length, 0), 0);
const key = (file: string, fn: string, tcId: number): string => `${file} ${fn} #${tcId}`;

function conformance(adapter: string, extra: string[] = [], env: Record<string, string> = {}): { status: number | null; report: Report } {
  const r = cli(['conformance', '--json', ...extra, '--', process.execPath, adapter], { env, timeoutMs: 60_000 });
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}

const failing = (report: Report): string[] => report.results.filter((r) => r.status === 'fail').map((r) => key(r.file, r.function, r.tcId)).sort();

/** Every vector matching the predicate, as `file function #tcId`. */
function vectorsWhere(predicate: (t: VectorTest & Record<string, unknown>, group: { type: string }) => boolean): string[] {
  const out: string[] = [];
  for (const [file, data] of Object.entries(vectorFiles)) {
    for (const g of data.testGroups) for (const t of g.tests) if (predicate(t as VectorTest & Record<string, unknown>, g)) out.push(key(file, g.function, t.tcId));
  }
  return out.sort();
}

interface NpmRecord {
  payloadEqual?: boolean;
  parsed?: boolean;
  verified?: boolean;
}

describe('conformance', () => {
  it("passes this library's adapter on every vector", () => {
    const { status, report } = conformance('examples/conformance/agora-token-kit.mjs');
    expect(report.results).toEqual([]);
    expect(report.summary).toEqual({ file: 'all files', total: ALL, passed: ALL, failed: 0, skipped: 0 });
    expect(report.files.map((f) => f.file).sort()).toEqual(Object.keys(vectorFiles).sort());
    expect(status).toBe(0);
  });

  it('reports exactly the divergences of agora-token@2.0.6 that the vectors record', () => {
    const { status, report } = conformance('examples/conformance/agora-token.mjs', [], AGORA_TOKEN);
    const expected = vectorsWhere((t, g) => {
      const npm = (t.npmAgoraToken ?? t.npmAgoraAccessToken) as NpmRecord | undefined;
      if (!npm) return false;
      if (npm.payloadEqual !== undefined) return !npm.payloadEqual;
      if (g.type === 'AccessToken2ParseVerify') return (npm.parsed && npm.verified ? 'valid' : 'invalid') !== t.result;
      // 006 records only whether the package parsed the token. Where the references refuse its
      // base64 but the package decodes it anyway, the content is intact and its signature verifies.
      return npm.parsed === true && t.result === 'invalid' && t.flags.includes('BadBase64');
    });
    // The APaaS/Education room-user privilege and role 0 (docs/conformance.md), lenient base64
    // (docs/format.md §2.9), 006 ids.
    expect(expected.filter((k) => k.includes('buildRoomUserToken'))).toHaveLength(24);
    expect(failing(report)).toEqual(expected);
    const roomUser = report.results.find((r) => r.file === 'apaas.json' && r.tcId === 5)!;
    expect(roomUser.reason).toMatch(/services\[2\]\.privileges\.1: expected 3600, got undefined; services\[2\]\.role: expected 0, got -1/);
    expect(status).toBe(1);
  });

  it('reports every 007 token of a big-endian port as wrong, and nothing else', () => {
    const { status, report } = conformance('test/fixtures/conformance/big-endian-adapter.mjs');
    const valid007Builds = vectorsWhere((t, g) => ['TokenBuilder007', 'AccessToken2Build'].includes(g.type) && t.result === 'valid');
    expect(valid007Builds.length).toBeGreaterThan(150);
    expect(failing(report)).toEqual(valid007Builds);
    for (const r of report.results) expect(r.reason).toMatch(/^payload differs: /);
    expect(status).toBe(1);
  });

  it('fails a vector whose request hangs after the per-request timeout, and goes on', () => {
    const hangSalt = 301;
    // The timeout also covers starting the replacement adapter for the next request: leave room for
    // a slow start on a loaded machine.
    const { status, report } = conformance('test/fixtures/conformance/hanging-adapter.mjs', ['--timeout', '2000'], { HANG_SALT: String(hangSalt) });
    const hanging = vectorsWhere((t) => t.salt === hangSalt);
    expect(hanging.length).toBeGreaterThan(0);
    expect(failing(report)).toEqual(hanging);
    for (const r of report.results) expect(r.reason).toBe('no answer within 2000 ms');
    expect(report.summary.passed).toBe(ALL - hanging.length);
    expect(status).toBe(1);
  });

  it('stops sending to an adapter that answers nothing, and fails every vector', () => {
    const { status, report } = conformance('test/fixtures/conformance/hanging-adapter.mjs', ['--timeout', '200'], { HANG_SALT: 'any' });
    expect(report.summary).toMatchObject({ total: ALL, passed: 0, failed: ALL });
    const reasons = new Set(report.results.map((r) => r.reason));
    expect(reasons).toEqual(new Set(['no answer within 200 ms', 'not run: the adapter gave no answer to 3 requests in a row']));
    expect(report.results.filter((r) => r.reason === 'no answer within 200 ms')).toHaveLength(3);
    expect(status).toBe(1);
  });

  it('prints a per-file table, the failures and a summary', () => {
    const r = cli(['conformance', '--', process.execPath, 'examples/conformance/agora-token.mjs'], { env: AGORA_TOKEN, timeoutMs: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^file\s+vectors\s+passed\s+failed\s+skipped\n/);
    expect(r.stdout).toMatch(/\napaas\.json\s+22\s+10\s+12\s+0\n/);
    expect(r.stdout).toMatch(/\nFAIL apaas\.json ApaasTokenBuilder\.buildRoomUserToken #1 \(/);
    expect(r.stdout).toMatch(new RegExp(`\\nFAILED: \\d+ of ${ALL} vectors failed, \\d+ passed\\n$`));
  });

  it('the agora-token example adapter says how to install agora-token when Node cannot find it', () => {
    const r = cli(['conformance', '--', process.execPath, 'examples/conformance/agora-token.mjs'], { env: { NODE_PATH: undefined }, timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`npm install agora-token@2.0.6`');
    expect(r.stderr).toContain('NODE_PATH=test/node_modules');
  });

  it('stops with one line and exit 2 when the adapter exits before its first answer', () => {
    const r = cli(['conformance', '--', process.execPath, '-e', 'process.exit(3)'], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${process.execPath} -e process.exit(3) exited (code 3) before its first answer: run it alone to see why\n`);
  });

  it('exits 2 when the adapter cannot be started or no command is given', () => {
    const missing = cli(['conformance', '--', '/nonexistent/adapter']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot start /nonexistent/adapter');
    expect(cli(['conformance']).status).toBe(2);
  });
});
