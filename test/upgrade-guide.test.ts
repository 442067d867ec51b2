// Every code sample of docs/upgrade-006-to-007.md runs here, against the built package, and
// type-checks against the sources: a sample that drifts from the API fails this test.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runSample, type Sample, samplesOf, typeErrorsOf } from './support/markdown-samples.js';

const { text: guide, samples } = samplesOf('docs/upgrade-006-to-007.md');

const missingDist = (): never => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
};
const modules: Record<string, unknown> = {
  'agora-token-kit': await import('../dist/index.js').catch(missingDist),
  'agora-token-kit/006': await import('../dist/006.js').catch(missingDist),
  'agora-access-token': createRequire(import.meta.url)('agora-access-token'),
  'node:assert/strict': assert,
};

const env = { AGORA_APP_ID: '3327194369a09232ae4bc396b00f86ff', AGORA_APP_CERTIFICATE: '3cc7461c96496a9a6af39be6805a28d1' };
const run = (sample: Sample) => runSample(sample, 'docs/upgrade-006-to-007.md', modules, env);
const typeErrors = () => typeErrorsOf(samples, 'guide');

describe('docs/upgrade-006-to-007.md', () => {
  it('has only TypeScript samples, so none escapes this test', () => {
    expect(samples.length).toBeGreaterThanOrEqual(7);
    expect(samples.filter((s) => s.lang !== 'ts').map((s) => `line ${s.line}: ${s.lang}`)).toEqual([]);
  });

  it.each(samples.map((s) => [s.line, s] as const))('sample at line %i runs', (_line, sample) => {
    run(sample);
  });

  it('every sample type-checks against the sources', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);

  it('the renewal sample renews before expiry and joins again after it', async () => {
    const sample = samples.find((s) => s.code.includes('export function keepTokenFresh'));
    const { keepTokenFresh } = run(sample!) as {
      keepTokenFresh: (client: object, appId: string, channel: string, uid: number, fetch: (c: string, u: number) => Promise<string>) => void;
    };
    const listeners = new Map<string, () => Promise<void>>();
    const calls: unknown[][] = [];
    const client = {
      on: (event: string, listener: () => Promise<void>) => listeners.set(event, listener),
      renewToken: async (token: string) => void calls.push(['renewToken', token]),
      join: async (...args: unknown[]) => void calls.push(['join', ...args]),
    };
    let fetched = 0;
    keepTokenFresh(client, env.AGORA_APP_ID, 'room', 42, async (channel, uid) => `token-${++fetched}-${channel}-${uid}`);
    await listeners.get('token-privilege-will-expire')!();
    await listeners.get('token-privilege-did-expire')!();
    expect(calls).toEqual([
      ['renewToken', 'token-1-room-42'],
      ['join', env.AGORA_APP_ID, 'room', 'token-2-room-42', 42],
    ]);
  });

  it('covers the client-side facts of the upgrade', () => {
    for (const fact of ['4.8.0', 'cloud recording', 'token-privilege-will-expire', '30 seconds', 'renewToken', 'token-privilege-did-expire', 'expiryFrom006']) {
      expect(guide).toContain(fact);
    }
  });
});
