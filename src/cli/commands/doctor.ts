import { Option, type Command } from 'commander';
import { TokenError } from '../../index.js';
import { diagnose, type DoctorInput } from '../doctor-findings.js';
import { parseTime, parseUid, readToken } from '../input.js';
import { EXIT_CHECK_FAILED, out, outJson, paintFor, usageError } from '../output.js';
import { nowSeconds } from '../../token007/encode.js';

interface DoctorOptions {
  appId?: string;
  cert?: string;
  channel?: string;
  uid?: number;
  account?: string;
  role?: 'publisher' | 'subscriber';
  expect?: '006' | '007';
  at?: number;
  json?: boolean;
}

/** Adds `doctor <token | ->`. */
export function register(program: Command): void {
  program
    .command('doctor')
    .description('explain why Agora would refuse a token: one finding per line, each with a code and a fix; exit 1 on any error')
    .argument('<token>', 'the token, or - to read it from stdin')
    .addOption(new Option('--app-id <hex>', 'the App ID the client uses').env('AGORA_APP_ID'))
    .addOption(new Option('--cert <hex>', 'the App Certificate, to check the signature').env('AGORA_APP_CERTIFICATE'))
    .option('--channel <name>', 'the channel the client joins')
    .addOption(new Option('--uid <n>', 'the numeric uid the client joins with (0 = SDK picks one)').argParser(parseUid).conflicts('account'))
    .option('--account <name>', 'the string user account the client joins with')
    .addOption(new Option('--role <role>', 'whether the user must publish').choices(['publisher', 'subscriber']))
    .addOption(new Option('--expect <version>', 'the token version the client expects').choices(['006', '007']))
    .addOption(new Option('--at <time>', 'judge expiry at this time (ISO 8601 or Unix seconds) instead of now').argParser(parseTime))
    .option('--json', 'print the findings as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ agora-token-kit doctor "$TOKEN" --app-id "$AGORA_APP_ID" --cert "$AGORA_APP_CERTIFICATE" --channel room --uid 42 --role publisher',
    )
    .action(async (arg: string, opts: DoctorOptions) => {
      const input: DoctorInput = {
        // An argument is diagnosed as given: surrounding spaces or quotes are a finding of their own.
        token: arg === '-' ? await readToken(arg) : arg,
        now: opts.at ?? nowSeconds(),
        expectVersion: opts.expect,
        appId: opts.appId,
        appCertificate: opts.cert,
        channelName: opts.channel,
        uid: opts.uid,
        account: opts.account,
        role: opts.role,
      };
      let findings;
      try {
        findings = diagnose(input);
      } catch (e) {
        if (e instanceof TokenError) throw usageError(e.message);
        throw e;
      }
      const failed = findings.some((f) => f.severity === 'error');
      if (failed) process.exitCode = EXIT_CHECK_FAILED;
      if (opts.json) return outJson({ ok: !failed, findings });
      const paint = paintFor(process.stdout);
      if (findings.length === 0) return out(paint('green', 'ok: no problems found'));
      for (const f of findings) {
        const label = f.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
        out(`${label} ${paint('bold', f.code)}: ${f.message} ${paint('dim', '→')} fix: ${f.fix}`);
      }
    });
}
