import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The package resolves itself by name through its `exports` map, exactly as a dependent's would.
const run = (args: string[]): string => execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();

const program = (load: string) => `${load}
const t = RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'c', 1, 1, 60, 60, { issueTs: 1111111, salt: 1 });
console.log(JSON.stringify({ ok: verifyToken(t, '5CFd2fd1755d40ecb72977518be15d3b'), signature: decodeToken(t).signature }));`;

describe('the built package on this Node', () => {
  it('loads through ESM import and CJS require, with the same result', () => {
    const esm = run(['--input-type=module', '-e', program("import { RtcTokenBuilder, decodeToken, verifyToken } from 'agora-token-kit';")]);
    const cjs = run(['--input-type=commonjs', '-e', program("const { RtcTokenBuilder, decodeToken, verifyToken } = require('agora-token-kit');")]);
    expect(JSON.parse(esm)).toEqual({ ok: true, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(cjs).toBe(esm);
  });
});
