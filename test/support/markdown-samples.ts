// Code samples of Markdown documents, run against the built package and type-checked against the
// sources: a sample that drifts from the API fails its document's test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Sample {
  lang: string;
  line: number;
  code: string;
}

/** The fenced code blocks of a Markdown file under the repository root. */
export function samplesOf(relativePath: string): { text: string; samples: Sample[] } {
  const text = readFileSync(`${root}${relativePath}`, 'utf8');
  const samples = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1]!,
    line: text.slice(0, m.index).split('\n').length,
    code: m[2]!,
  }));
  return { text, samples };
}

/** Runs one sample as a CommonJS module whose imports come from `modules`; returns its exports. */
export function runSample(sample: Sample, where: string, modules: Record<string, unknown>, env: Record<string, string>): Record<string, unknown> {
  const { code } = transformSync(sample.code, { loader: 'ts', format: 'cjs', sourcefile: `${where}:${sample.line}` });
  const module = { exports: {} as Record<string, unknown> };
  const load = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`sample at ${where}:${sample.line} imports ${name}, which its test does not provide`);
    return modules[name];
  };
  new Function('require', 'module', 'exports', 'process', code)(load, module, module.exports, { env });
  return module.exports;
}

/** Type-checks every sample as its own module, with the package's entry names mapped to the sources. */
export function typeErrorsOf(samples: Sample[], where: string): string[] {
  // Virtual files next to this one, so that a sample's imports resolve from test/node_modules.
  const files = new Map(samples.map((s, i) => [fileURLToPath(new URL(`.sample-${i}.ts`, import.meta.url)), s]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    // @types/node is installed with the test tools (test/package.json).
    typeRoots: [fileURLToPath(new URL('../node_modules/@types', import.meta.url))],
    skipLibCheck: true,
    baseUrl: root,
    paths: { 'agora-token-kit': ['src/index.ts'], 'agora-token-kit/006': ['src/006.ts'], 'agora-token-kit/server': ['src/server/index.ts'], 'agora-token-kit/client': ['src/client/index.ts'] },
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
    const at = sample && d.start !== undefined ? `${where} line ${sample.line + d.file!.getLineAndCharacterOfPosition(d.start).line + 1}` : d.file?.fileName;
    return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
