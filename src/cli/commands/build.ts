import { Option, type Command } from 'commander';
import { decodeToken, TokenError } from '../../index.js';
import { BUILD_KINDS, flagOption, type BuildKind, type BuildValues } from '../build-kinds.js';
import { integerIn } from '../input.js';
import { out, outJson, paintFor, usageError } from '../output.js';

function buildOne(kind: BuildKind, values: BuildValues): void {
  let token: string;
  try {
    token = kind.build(values);
  } catch (e) {
    if (e instanceof TokenError) throw usageError(e.message);
    throw e;
  }
  const paint = paintFor(process.stderr);
  for (const f of kind.check(values)) {
    process.stderr.write(`${paint('yellow', f.severity)} ${f.code}: ${f.message}\n`);
  }
  if ((values as { json?: boolean }).json) outJson({ token, decoded: decodeToken(token) });
  else out(token);
}

/** Adds `build <kind>`, one subcommand per builder method. */
export function register(program: Command): void {
  const build = program
    .command('build')
    .description('build a token with one of the builders; prints the token, or with --json the token and its decoded fields')
    .addHelpText('after', '\nExample:\n  $ AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... agora-token-kit build rtc --channel room --uid 42 --expire 1h');
  for (const kind of BUILD_KINDS) {
    const cmd = build.command(kind.name).description(kind.summary);
    cmd
      .addOption(new Option('--app-id <hex>', 'App ID (32 hex characters)').env('AGORA_APP_ID').makeOptionMandatory())
      .addOption(new Option('--cert <hex>', 'App Certificate (32 hex characters)').env('AGORA_APP_CERTIFICATE').makeOptionMandatory());
    for (const flag of kind.flags) cmd.addOption(flagOption(flag));
    cmd
      .addOption(new Option('--issue-ts <unix>', 'build as if now were this Unix time (reproducible tokens)').argParser(integerIn(0, 0xffffffff)))
      .addOption(new Option('--salt <n>', 'fixed salt, uint32 (reproducible tokens)').argParser(integerIn(0, 0xffffffff)))
      .option('--json', 'print {"token", "decoded"} as JSON')
      .addHelpText('after', `\nExample:\n  $ agora-token-kit build ${kind.example}`)
      .action((values: BuildValues) => buildOne(kind, values));
  }
}
