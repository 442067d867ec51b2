import type { Command } from 'commander';
import { type DecodedToken, decodeToken, TokenError } from '../../index.js';
import { readToken } from '../input.js';
import { CliError, EXIT_CHECK_FAILED, out, outJson, paintFor } from '../output.js';
import { nowSeconds } from '../../token007/encode.js';
import { describeToken } from '../token-view.js';

/** Decodes a token, or exits 1 when it cannot be decoded. */
export function decodeOrFail(token: string): DecodedToken {
  try {
    return decodeToken(token);
  } catch (e) {
    if (e instanceof TokenError) throw new CliError(EXIT_CHECK_FAILED, `cannot decode the token: ${e.message} (try: agora-token-kit doctor)`);
    throw e;
  }
}

/** Adds `decode <token | ->`. */
export function register(program: Command): void {
  program
    .command('decode')
    .description('show what a 006 or 007 token holds: app ID, issue and expiry times, services and privileges')
    .argument('<token>', 'the token, or - to read it from stdin')
    .option('--json', "print decodeToken's result as JSON")
    .addHelpText('after', '\nExample:\n  $ agora-token-kit decode 007eJxTY...\n  $ echo "$TOKEN" | agora-token-kit decode - --json')
    .action(async (arg: string, opts: { json?: boolean }) => {
      const decoded = decodeOrFail(await readToken(arg));
      if (opts.json) return outJson(decoded);
      for (const line of describeToken(decoded, nowSeconds(), paintFor(process.stdout))) out(line);
    });
}
