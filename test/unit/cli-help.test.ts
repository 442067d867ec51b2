// Every command explains itself: `--help` is the CLI's documentation, so each command and option has a
// description and each command shows a runnable example of itself.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerBuild } from '../../src/cli/commands/build.js';
import { register as registerConformance } from '../../src/cli/commands/conformance.js';
import { register as registerDecode } from '../../src/cli/commands/decode.js';
import { register as registerDoctor } from '../../src/cli/commands/doctor.js';
import { register as registerVerify } from '../../src/cli/commands/verify.js';
import { runInProcess } from '../support/cli-in-process.js';

const registers = { build: registerBuild, conformance: registerConformance, decode: registerDecode, doctor: registerDoctor, verify: registerVerify };

/** Each command with its path from the program: `build`, `build rtc`, … */
function commands(register: (program: Command) => void): [string, Command][] {
  const program = new Command('agora-token-kit');
  register(program);
  const walk = (command: Command, path: string[]): [string, Command][] =>
    command.commands.flatMap((sub) => [[[...path, sub.name()].join(' '), sub] as [string, Command], ...walk(sub, [...path, sub.name()])]);
  return walk(program, []);
}

describe.each(Object.entries(registers))('%s --help', (name, register) => {
  // The paths are listed while tests are collected; each test registers the commands anew, so that what
  // it checks is built while it runs (a mutation test activates its mutant only then).
  const paths = commands(register).map(([path]) => path);
  const command = (path: string) => new Map(commands(register)).get(path)!;

  it('registers the command', () => {
    expect(paths).toContain(name);
  });

  it.each(paths)('%s: the command, its arguments and every option are described', (path) => {
    const c = command(path);
    expect(c.description().trim().length).toBeGreaterThan(10);
    for (const option of c.options) expect(option.description.trim().length, option.flags).toBeGreaterThan(3);
    for (const argument of c.registeredArguments) {
      expect(argument.name().length).toBeGreaterThan(0);
      expect(argument.description.trim().length, argument.name()).toBeGreaterThan(3);
    }
  });

  it.each(paths)('%s: shows an example that runs this command', async (path) => {
    const { stdout, exitCode } = await runInProcess(register, [...path.split(' '), '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/\nExamples?:\n/);
    expect(stdout).toContain(`agora-token-kit ${path}`);
  });
});
