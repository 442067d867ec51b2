import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { bin: Record<string, string> };
/** The built command, as npm installs it from package.json `bin`. */
export const BIN = fileURLToPath(new URL(manifest.bin['agora-token-kit']!, `file://${root}`));

export interface CliServer {
  url: string;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  child: ChildProcessWithoutNullStreams;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The exit of a command that is expected to stop by itself. */
export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Only what the server needs: nothing from the developer's environment (a real AGORA_* pair) leaks in.
const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, NO_COLOR: '1' });

function launch(args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd, env: { ...baseEnv(), ...env } });
}

/**
 * Starts `agora-token-kit serve --port 0` (on 127.0.0.1 unless `args` has a loopback `--host`) and
 * resolves once it prints its address.
 * Fails after `timeoutMs` or if the process exits first.
 */
export function startCliServer(options: { args?: string[]; env?: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<CliServer> {
  const child = launch(options.args ?? [], options.env ?? {}, options.cwd);
  const lines: string[] = [];
  let err = '';
  let partial = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${options.timeoutMs ?? 10_000} ms: ${lines.join('\n')} ${err}`));
    }, options.timeoutMs ?? 10_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening: ${lines.join('\n')} ${err}`));
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /listening on (http:\/\/\S+:\d+)\//.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({
            url: match[1]!,
            lines,
            stderr: () => err,
            child,
            stop: (signal = 'SIGTERM') => {
              child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
  });
}

/** Runs `serve` when it is expected to refuse to start, with its output. */
export function runCliServe(options: { args?: string[]; env?: NodeJS.ProcessEnv; cwd: string }): Promise<CliExit> {
  const child = launch(options.args ?? [], options.env ?? {}, options.cwd);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
