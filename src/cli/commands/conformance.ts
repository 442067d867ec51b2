import { Option, type Command } from 'commander';
import { AdapterProcess } from '../conformance/adapter-process.js';
import { type Ask, conformanceCases } from '../conformance/cases.js';
import { formatReport, runCases, tally } from '../conformance/run.js';
import { loadVectorFiles, PACKAGED_VECTORS } from '../conformance/vectors.js';
import { integerIn } from '../input.js';
import { EXIT_CHECK_FAILED, out, outJson, paintFor, repositoryFile, usageError } from '../output.js';

interface ConformanceOptions {
  timeout: number;
  vectors: string;
  json?: boolean;
}

/** Adds `conformance -- <command…>`. */
export function register(program: Command): void {
  program
    .command('conformance')
    .description(`run every vector against another implementation, started as <command> and spoken to in JSON lines (${repositoryFile('docs/conformance.md')})`)
    .argument('<command...>', 'the adapter command and its arguments, after --')
    .addOption(new Option('--timeout <ms>', 'per-request timeout; a request without an answer fails and the adapter is restarted').argParser(integerIn(1, 600_000)).default(5000))
    .option('--vectors <dir>', 'directory of vector files', PACKAGED_VECTORS)
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `\nExample:\n  $ agora-token-kit conformance -- node my-adapter.mjs\n\n` +
        `An adapter to start from, this package's own: ${repositoryFile('examples/conformance/agora-token-kit.mjs')}`,
    )
    .action(async (command: string[], opts: ConformanceOptions) => {
      const cases = conformanceCases(loadVectorFiles(opts.vectors));
      const adapter = new AdapterProcess(command, opts.timeout);
      const progress = process.stderr.isTTY ? process.stderr : undefined;
      const ask: Ask = async (request) => {
        const reply = await adapter.request(request);
        // Stop at once rather than fail every vector with the same reason.
        if (adapter.failedToStart !== undefined) throw usageError(adapter.failedToStart);
        return reply;
      };
      const results = await runCases(cases, ask, (done, c) =>
        progress?.write(`\r\x1b[K${done + 1}/${cases.length} ${c.file} ${c.function} #${c.tcId}`),
      ).finally(() => {
        progress?.write('\r\x1b[K');
        return adapter.close();
      });
      const { files, all } = tally(results);
      if (all.failed > 0) process.exitCode = EXIT_CHECK_FAILED;
      if (opts.json) {
        return outJson({
          adapter: command,
          summary: all,
          files,
          results: results.filter((r) => r.status !== 'pass'),
        });
      }
      const paint = paintFor(process.stdout);
      for (const line of formatReport(results)) {
        out(line.startsWith('FAIL') ? paint('red', line) : line.startsWith('ok:') ? paint('green', line) : line);
      }
    });
}
