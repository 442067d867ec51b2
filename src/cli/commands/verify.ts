import { Option, type Command } from 'commander';
import { TokenError, verifyToken } from '../../index.js';
import { parseUid, readToken } from '../input.js';
import { CliError, EXIT_CHECK_FAILED, EXIT_USAGE, out, outJson, paintFor, usageError } from '../output.js';
import { requireCredentials } from '../credentials.js';
import { decodeOrFail } from './decode.js';

interface VerifyOptions {
  cert?: string;
  channel?: string;
  uid?: number;
  account?: string;
  json?: boolean;
}

/** Adds `verify <token | -> --cert`. */
export function register(program: Command): void {
  program
    .command('verify')
    .description("check a token's signature with the App Certificate: exit 0 when valid, 1 when not")
    .argument('<token>', 'the token, or - to read it from stdin')
    .addOption(new Option('--cert <hex>', 'App Certificate (32 hex characters)').env('AGORA_APP_CERTIFICATE'))
    .option('--channel <name>', '006 only: the channel the token is for')
    .addOption(new Option('--uid <n>', '006 only: the uid the token is for (0 = any)').argParser(parseUid).conflicts('account'))
    .option('--account <name>', '006 only: the user account the token is for')
    .option('--json', 'print {"valid": true|false} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ AGORA_APP_CERTIFICATE=... agora-token-kit verify 007eJxTY...\n  $ agora-token-kit verify 006970CA... --cert 5CFd... --channel room --uid 42',
    )
    .action(async (arg: string, opts: VerifyOptions) => {
      requireCredentials(opts, ['cert']);
      const cert = opts.cert!;
      const token = await readToken(arg);
      const decoded = decodeOrFail(token);
      const uid = opts.uid ?? opts.account;
      if (decoded.version === '006' && (opts.channel === undefined || uid === undefined)) {
        throw usageError('a 006 token signs its channel and uid: pass --channel and --uid (or --account)');
      }
      let valid: boolean;
      try {
        valid = verifyToken(token, cert, opts.channel === undefined || uid === undefined ? undefined : { channelName: opts.channel, uid });
      } catch (e) {
        if (e instanceof TokenError) throw new CliError(e.code === 'ERR_INVALID_APP_CERTIFICATE' ? EXIT_USAGE : EXIT_CHECK_FAILED, e.message);
        throw e;
      }
      if (opts.json) outJson({ valid });
      else {
        const paint = paintFor(process.stdout);
        const context = decoded.version === '006' ? ', channel and uid' : '';
        out(valid ? paint('green', `valid: the token matches this App Certificate${context}`) : paint('red', `invalid: the token does not match this App Certificate${context}`));
      }
      if (!valid) process.exitCode = EXIT_CHECK_FAILED;
    });
}
