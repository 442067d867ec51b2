// Runs CLI commands in this process, from src/, so that mutation testing reaches them (the spawned
// bin of test/support/cli.ts runs dist/). Mirrors src/cli/main.ts: a fresh commander program with the
// commands registered, stdout and stderr captured, and errors turned into exit codes as main does.
import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { CliError, EXIT_OK, EXIT_USAGE } from '../../src/cli/output.js';

export interface InProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** Environment variables to set for the run; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** What the command reads from stdin. */
  stdin?: string;
  /** Run as on a terminal: stdout and stderr say they are TTYs, so output is coloured. */
  tty?: boolean;
}

const CLEARED = ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE', 'NO_COLOR', 'FORCE_COLOR'];

export async function runInProcess(register: (program: Command) => void, args: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const program = new Command('agora-token-kit').exitOverride().configureOutput({
    writeOut: (text) => stdout.push(text),
    writeErr: (text) => stderr.push(text),
  });
  register(program);
  const saved = new Map([...CLEARED, ...Object.keys(options.env ?? {})].map((key) => [key, process.env[key]]));
  for (const key of CLEARED) delete process.env[key];
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true)),
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(options.stdin ?? '')]) as unknown as typeof process.stdin),
  ];
  const ttys = [process.stdout, process.stderr].map((stream) => [stream, Object.getOwnPropertyDescriptor(stream, 'isTTY')] as const);
  if (options.tty) for (const [stream] of ttys) Object.defineProperty(stream, 'isTTY', { value: true, configurable: true });
  process.exitCode = undefined;
  let exitCode: number;
  try {
    await program.parseAsync(args, { from: 'user' });
    exitCode = Number(process.exitCode ?? EXIT_OK);
  } catch (e) {
    if (e instanceof CommanderError) exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    else if (e instanceof CliError) {
      stderr.push(`error: ${e.message}\n`);
      exitCode = e.exitCode;
    } else throw e;
  } finally {
    process.exitCode = undefined;
    for (const spy of spies) spy.mockRestore();
    for (const [stream, descriptor] of ttys) {
      if (descriptor) Object.defineProperty(stream, 'isTTY', descriptor);
      else delete (stream as { isTTY?: boolean }).isTTY;
    }
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
}
