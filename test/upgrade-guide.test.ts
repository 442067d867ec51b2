// Every code sample of docs/upgrade-006-to-007.md runs here, against the built package, and
// type-checks against the sources: a sample that drifts from the API fails this test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const guidePath = `${root}docs/upgrade-006-to-007.md`;
const guide = readFileSync(guidePath, 'utf8');

const missingDist = (): never => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
};
const modules: Record<string, unknown> = {
  'agora-token-kit': await import('../dist/index.js').catch(missingDist),
  'agora-token-kit/006': await import('../dist/006.js').catch(missingDist),
  'agora-access-token': createRequire(import.meta.url)('agora-access-token'),
  'node:assert/strict': assert,
};

interface Sample {
  lang: string;
  line: number;
  code: string;
}

const samples: Sample[] = [...guide.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  line: guide.slice(0, m.index).split('\n').length,
  code: m[2]!,
}));

const env = { AGORA_APP_ID: '3327194369a09232ae4bc396b00f86ff', AGORA_APP_CERTIFICATE: '3cc7461c96496a9a6af39be6805a28d1' };

/** Runs one sample as a CommonJS module whose imports are the built package; returns its exports. */
function run(sample: Sample): Record<string, unknown> {
  const { code } = transformSync(sample.code, { loader: 'ts', format: 'cjs', sourcefile: `${guidePath}:${sample.line}` });
  const module = { exports: {} as Record<string, unknown> };
  const load = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`sample at line ${sample.line} imports ${name}, which the guide test does not provide`);
    return modules[name];
  };
  new Function('require', 'module', 'exports', 'process', code)(load, module, module.exports, { env });
  return module.exports;
}

/** Type-checks every sample as its own module, with the package names mapped to the sources. */
function typeErrors(): string[] {
  const files = new Map(samples.map((s, i) => [`${root}docs/.sample-${i}.ts`, s]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots: [`${root}node_modules/@types`],
    skipLibCheck: true,
    allowImportingTsExtensions: false,
    baseUrl: root,
    paths: { 'agora-token-kit': ['src/index.ts'], 'agora-token-kit/006': ['src/006.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => files.get(f)?.code ?? readFile(f);
  host.getSourceFile = (f, language) => {
    const sample = files.get(f);
    return sample ? ts.createSourceFile(f, sample.code, language) : getSourceFile(f, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const sample = d.file ? files.get(d.file.fileName) : undefined;
    const where = sample && d.start !== undefined ? `guide line ${sample.line + d.file!.getLineAndCharacterOfPosition(d.start).line + 1}` : d.file?.fileName;
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

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
