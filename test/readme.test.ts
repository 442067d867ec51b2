// The README's TypeScript samples run against the built package and type-check against the sources.
import { describe, expect, it } from 'vitest';
import { runSample, samplesOf, typeErrorsOf } from './support/markdown-samples.js';

const { samples } = samplesOf('README.md');
const ts = samples.filter((s) => s.lang === 'ts');
const modules = {
  'agora-token-kit': await import('../dist/index.js'),
  'agora-token-kit/client': await import('../dist/client.js'),
  // Loading the real Web SDK needs a browser; the client sample only names it.
  'agora-rtc-sdk-ng': { default: {} },
};
const env = { AGORA_APP_ID: '3327194369a09232ae4bc396b00f86ff', AGORA_APP_CERTIFICATE: '3cc7461c96496a9a6af39be6805a28d1' };

describe('README.md', () => {
  it('starts with the two setup commands: the main job and the tests', () => {
    const [first] = samples;
    expect(first?.lang).toBe('sh');
    const lines = first!.code.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^npm ci && npm run build && npm start\s+# main job/);
    expect(lines[1]).toMatch(/^apt-get update && apt-get install -y chromium && npm ci && npm test\s+# tests/);
  });

  it.each(ts.map((s) => [s.line, s] as const))('sample at line %i runs', (_line, sample) => {
    runSample(sample, 'README.md', modules, env);
  });

  it('every sample type-checks against the sources', () => {
    expect(ts.length).toBeGreaterThanOrEqual(4);
    expect(typeErrorsOf(ts, 'README')).toEqual([]);
  }, 60_000);
});
