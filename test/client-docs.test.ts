// docs/client.md: its samples type-check against the sources and the SDKs' declarations, and run
// against the built entry (they define a session or a renewer; nothing is started).
import { describe, expect, it } from 'vitest';
import { runSample, samplesOf, typeErrorsOf } from './support/markdown-samples.js';

const { samples } = samplesOf('docs/client.md');
const ts = samples.filter((s) => s.lang === 'ts');
const modules = {
  'agora-token-kit/client': await import('../dist/client.js'),
  // Loading the real Web SDK needs a browser; the sample only names it.
  'agora-rtc-sdk-ng': { default: {} },
};

describe('docs/client.md', () => {
  it('every sample type-checks', () => {
    expect(ts.length).toBeGreaterThanOrEqual(2);
    expect(typeErrorsOf(ts, 'docs/client.md')).toEqual([]);
  }, 60_000);

  it.each(ts.map((s) => [s.line, s] as const))('sample at line %i runs', (_line, sample) => {
    const exported = runSample(sample, 'docs/client.md', modules, {});
    expect(Object.keys(exported).length).toBeGreaterThan(0);
  });
});
