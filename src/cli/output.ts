import type { Writable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };

/** Exit codes of every command: 0 ok, 1 a check failed, 2 the command line or an input was wrong. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports on stderr as one line, exiting with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
    this.name = 'CliError';
  }
}

/** A wrong flag value or a missing input: exit 2. */
export const usageError = (message: string): CliError => new CliError(EXIT_USAGE, message);

type Style = 'red' | 'yellow' | 'green' | 'dim' | 'bold';
const SGR: Record<Style, [number, number]> = { red: [31, 39], yellow: [33, 39], green: [32, 39], dim: [2, 22], bold: [1, 22] };

/** Paints text for a terminal, or returns it unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

/** Colour only on a terminal and never when NO_COLOR is set to anything non-empty (no-color.org). */
export function paintFor(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  const on = stream.isTTY === true && !env.NO_COLOR;
  return on ? (style, text) => `\x1b[${SGR[style][0]}m${text}\x1b[${SGR[style][1]}m` : (_style, text) => text;
}

/** Writes a result line to stdout. */
export const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Writes results as JSON on stdout, one document. */
export const outJson = (value: unknown): void => out(JSON.stringify(value, null, 2));

/** A file's page in the repository, for texts that point at docs: `docs/` is not in the npm package. */
export const repositoryFile = (path: string): string => `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/${path}`;
