import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

// examples/all-tokens.mjs imports the package by name, so this runs it against the built dist/.
it('examples/all-tokens.mjs builds, decodes and verifies a token of every kind', () => {
  const out = execFileSync(process.execPath, ['examples/all-tokens.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, AGORA_APP_ID: '', AGORA_APP_CERTIFICATE: '' },
  });
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(16);
  for (const line of lines) expect(line).toMatch(/^[^:]+: 007\S+… \(\d+ chars\) verified=true expires=\S+Z services: type \d/);
  expect(lines.find((l) => l.startsWith('ConvoAI:'))).toContain('type 9 {}');
  expect(lines.find((l) => l.startsWith('APaaS room user:'))).toContain('type 7 {"1":3600}');
});
