import { Option, type Command } from 'commander';
import { decodeToken, TokenError } from '../../index.js';
import { BUILD_KINDS, flagOption, type BuildKind, type BuildValues } from '../build-kinds.js';
import { integerIn } from '../input.js';
import { requireCredentials } from '../credentials.js';
import { CliError, EXIT_CHECK_FAILED, out, outJson, paintFor, usageError } from '../output.js';

/** Flags every kind takes besides its own. */
interface CommonValues {
  json?: boolean;
  allowRuleErrors?: boolean;
}

function buildOne(kind: BuildKind, values: BuildValues & CommonValues): void {
  requireCredentials(values);
  let token: string;
  try {
    token = kind.build(values);
  } catch (e) {
    if (e instanceof TokenError) throw usageError(e.message);
    throw e;
  }
  const findings = kind.check(values);
  const paint = paintFor(process.stderr);
  for (const f of findings) {
    process.stderr.write(`${paint(f.severity === 'error' ? 'red' : 'yellow', f.severity)} ${f.code}: ${f.message}\n`);
  }
  // The builders follow Agora's references, which build such tokens; Agora's servers refuse them,
  // so by default none reaches stdout, where `TOKEN=$(…)` would pick it up.
  if (findings.some((f) => f.severity === 'error') && !values.allowRuleErrors) {
    if (values.json) outJson({ findings });
    throw new CliError(EXIT_CHECK_FAILED, "no token built: the inputs break Agora's documented rules (see above); pass --allow-rule-errors to build it anyway");
  }
  if (values.json) outJson({ token, decoded: decodeToken(token), findings });
  else out(token);
}

/** Adds `build <kind>`, one subcommand per builder method. */
export function register(program: Command): void {
  const build = program
    .command('build')
    .description(
      "build a token with one of the builders; prints the token, or with --json the token, its decoded fields and the findings. Inputs that break Agora's documented rules (error findings) build no token and exit 1, unless --allow-rule-errors",
    )
    .addHelpText('after', '\nExample:\n  $ AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... agora-token-kit build rtc --channel room --uid 42 --expire 1h');
  for (const kind of BUILD_KINDS) {
    const cmd = build.command(kind.name).description(kind.summary);
    cmd
      .addOption(new Option('--app-id <hex>', 'App ID (32 hex characters)').env('AGORA_APP_ID'))
      .addOption(new Option('--cert <hex>', 'App Certificate (32 hex characters)').env('AGORA_APP_CERTIFICATE'));
    for (const flag of kind.flags) cmd.addOption(flagOption(flag));
    cmd
      .addOption(new Option('--issue-ts <unix>', 'build as if now were this Unix time (reproducible tokens)').argParser(integerIn(0, 0xffffffff)))
      .addOption(new Option('--salt <n>', 'fixed salt, uint32 (reproducible tokens)').argParser(integerIn(0, 0xffffffff)))
      .option('--json', 'print {"token", "decoded", "findings"} as JSON; {"findings"} when no token is built')
      .option('--allow-rule-errors', "build even when the inputs break Agora's documented rules; Agora's servers may refuse the token")
      .addHelpText('after', `\nExample:\n  $ agora-token-kit build ${kind.example}`)
      .action((values: BuildValues & CommonValues) => buildOne(kind, values));
  }
}
