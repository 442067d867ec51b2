import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { register as registerBuild } from './commands/build.js';
import { register as registerConformance } from './commands/conformance.js';
import { register as registerDecode } from './commands/decode.js';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerVerify } from './commands/verify.js';
import { CliError, EXIT_OK, EXIT_USAGE } from './output.js';

// Output piped into a reader that stops early (`| head`) ends the command quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit();
  throw e;
});

const program = new Command('agora-token-kit')
  .description('Build, decode, verify and diagnose Agora access tokens (007 and 006), and test other implementations against the vectors.')
  .version(pkg.version)
  // Settings are copied to each subcommand when it is created, so set them before registering.
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', '\nExamples:\n  $ agora-token-kit build rtc --channel room --uid 42 --expire 1h\n  $ agora-token-kit doctor "$TOKEN" --channel room --uid 42');

for (const register of [registerBuild, registerDecode, registerVerify, registerDoctor, registerConformance, registerServe]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander has already printed the message; help and --version end with its exit code 0.
    process.exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  } else if (e instanceof CliError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else throw e;
}
