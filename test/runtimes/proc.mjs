// Child processes for the runtime hosts: bounded in time, output captured, never left running.
import { spawn } from 'node:child_process';

/**
 * Runs a command to completion, killing it after `timeoutMs`.
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function exec(cmd, args, { cwd, env, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n[killed after ${timeoutMs} ms]`;
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts a server that prints `http://127.0.0.1:<port>…` once it listens.
 * @returns {Promise<{ origin: string, stop: () => Promise<void> }>}
 */
export function startServer(cmd, args, { cwd, env, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    // Its own process group: launchers such as deno's npm shim start the real server as a child,
    // and signalling the group stops both.
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    let output = '';
    const exited = new Promise((done) => child.once('exit', done));
    const stop = async () => {
      signalGroup('SIGTERM');
      await exited;
    };
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      reject(new Error(`${cmd} did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d) => {
      output += d;
      const origin = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (origin) {
        clearTimeout(timer);
        resolve({ origin, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${cmd}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before listening:\n${output}`));
    });
  });
}

const MARK = 'AGORA_REPORT ';

/** The report line that a script entry prints, or an error carrying everything it printed. */
export function readReport({ code, stdout, stderr }) {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no report (exit code ${code})\n${stdout}\n${stderr}`.trim());
  return JSON.parse(line.slice(MARK.length));
}

export { MARK as REPORT_MARK };
