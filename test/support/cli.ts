// Runs the built bin (dist/cli.js) as users do: a separate Node process, arguments, stdin, env.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

// Credentials and colour settings of the test process must not leak into the runs.
const BASE_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE', 'NO_COLOR', 'FORCE_COLOR'].includes(k)),
);

export function cli(args: string[], options: CliOptions = {}): CliResult {
  if (!existsSync(BIN)) throw new Error('dist/cli.js is missing: run `npm run build` before the tests');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    env: { ...BASE_ENV, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the bin on a pseudo-terminal (util-linux `script`), as an interactive user would. */
export function cliOnTty(args: string[], env: Record<string, string> = {}): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: ROOT, env: { ...BASE_ENV, ...env }, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  return r.stdout;
}

export const APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
export const CREDENTIALS = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT };
