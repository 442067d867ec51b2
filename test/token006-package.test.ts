import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The package resolves itself by name through its `exports` map, as a dependent's code would; the
// tokens are checked with the root entry of the same format.
const run = (args: string[]): string => execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();

const program = (load: string) => `${load}
const token = RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b',
  '7d72365eb983485397e3e3f9d460bdda', 2882341273, RtcRole.PUBLISHER, 1446455471, { salt: 1, ts: 1111111 });
const ok = verifyToken(token, '5CFd2fd1755d40ecb72977518be15d3b', { channelName: '7d72365eb983485397e3e3f9d460bdda', uid: 2882341273 });
console.log(JSON.stringify({ token, ok, version: decodeToken(token).version }));`;

describe("'agora-token-kit/006' from the built package", () => {
  it('loads through ESM import and CJS require, with the same token', () => {
    const esm = run([
      '--input-type=module',
      '-e',
      program("import { RtcTokenBuilder, RtcRole } from 'agora-token-kit/006'; import { decodeToken, verifyToken } from 'agora-token-kit';"),
    ]);
    const cjs = run([
      '--input-type=commonjs',
      '-e',
      program("const { RtcTokenBuilder, RtcRole } = require('agora-token-kit/006'); const { decodeToken, verifyToken } = require('agora-token-kit');"),
    ]);
    // docs/format.md §8.2, the upstream publisher token.
    expect(JSON.parse(esm)).toEqual({
      token: '006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW',
      ok: true,
      version: '006',
    });
    expect(cjs).toBe(esm);
  });
});
