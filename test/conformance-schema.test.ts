// vectors/schema.json describes the vector format; every shipped file must follow it, and the
// schema must be strict enough to reject a damaged one.
import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../vectors/schema.json' with { type: 'json' };
import { ROOT } from './support/cli.js';
import { vectorFiles } from './support/vector-files.js';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const clone = <T>(value: T): T => structuredClone(value);

describe('vectors/schema.json', () => {
  it.each(Object.entries(vectorFiles))('%s follows the schema, with consecutive tcIds and the right numberOfTests', (_file, data) => {
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const tests = data.testGroups.flatMap((g) => g.tests);
    expect(tests.length).toBe(data.numberOfTests);
    for (const g of data.testGroups) expect(new Set(g.tests.map((t) => t.tcId)).size).toBe(g.tests.length);
  });

  const base = vectorFiles['rtc-token-builder2.json']!;
  const damaged: [string, (d: typeof base) => void][] = [
    ['an unknown result', (d) => Object.assign(d.testGroups[0]!.tests[0]!, { result: 'maybe' })],
    ['a test without tcId', (d) => delete (d.testGroups[0]!.tests[0]! as Partial<{ tcId: number }>).tcId],
    ['a salt beyond uint32', (d) => Object.assign(d.testGroups[0]!.tests[0]!, { salt: 2 ** 32 })],
    ['a payload that is not hex', (d) => Object.assign(d.testGroups[0]!.tests[0]!, { payloadHex: 'xyz' })],
    ['an unknown group type', (d) => Object.assign(d.testGroups[0]!, { type: 'TokenBuilder008' })],
    ['a 006 version on a 007 group', (d) => Object.assign(d.testGroups[0]!, { tokenVersion: '006' })],
    ['an unknown test field', (d) => Object.assign(d.testGroups[0]!.tests[0]!, { extra: 1 })],
    ['a decoded privilege id that is not a number', (d) => Object.assign((d.testGroups[0]!.tests[0]!.decoded!.services as { privileges: object }[])[0]!.privileges, { x: 1 })],
  ];
  it.each(damaged)('rejects a file with %s', (_name, damage) => {
    const copy = clone(base);
    damage(copy);
    expect(validate(copy)).toBe(false);
  });

  it('ships the vectors and the schema as agora-token-kit/vectors/*', () => {
    const script =
      "const v = await import('agora-token-kit/vectors/parse.json', { with: { type: 'json' } });" +
      "const s = await import('agora-token-kit/vectors/schema.json', { with: { type: 'json' } });" +
      'console.log(v.default.numberOfTests, s.default.title);';
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${vectorFiles['parse.json']!.numberOfTests} agora-token-kit test vectors`);
  });
});
