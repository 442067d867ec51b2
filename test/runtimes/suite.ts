// The runtime suite: every vector, the 006 drop-in vectors, the builder smoke and the client entry,
// against whatever build of the library the host entry passes in (test/runtimes/bundle.mjs makes one entry per host,
// importing the packed package). It uses no host API, so the same code runs in Node, Deno, Bun,
// workerd, edge-runtime and Chromium.
import { vectorFiles } from '../support/vector-files.js';
import { dropIn006Cases, type Lib, type Lib006, vectorCases } from '../support/vector-suite.js';
import { type Client, clientCases } from './client-smoke.js';
import { smokeCases } from './smoke.js';

export interface Tally {
  label: string;
  passed: number;
  total: number;
}

export interface Report {
  tallies: Tally[];
  /** Node-only globals this host has: the Web-only hosts must have none, to prove what they test. */
  nodeGlobals: string[];
  /** `case: message` for each failed case, capped so that a report stays small. */
  failures: string[];
}

const MAX_FAILURES = 20;

function runCases(label: string, cases: { name: string; run: () => void }[], failures: string[]): Tally {
  let passed = 0;
  for (const c of cases) {
    try {
      c.run();
      passed++;
    } catch (e) {
      if (failures.length < MAX_FAILURES) failures.push(`${label} ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { label, passed, total: cases.length };
}

async function runAsyncCases(label: string, cases: { name: string; run: () => Promise<void> }[], failures: string[]): Promise<Tally> {
  let passed = 0;
  for (const c of cases) {
    try {
      await c.run();
      passed++;
    } catch (e) {
      if (failures.length < MAX_FAILURES) failures.push(`${label} ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { label, passed, total: cases.length };
}

/** Runs every case; never rejects, so that each host can report a partial result. */
export async function runSuite(lib: Lib, lib006: Lib006, client: Client): Promise<Report> {
  const failures: string[] = [];
  const named = (cases: { file: string; name: string; run: () => void }[]) => cases.map((c) => ({ name: `${c.file} ${c.name}`, run: c.run }));
  const vectors = named(vectorCases(lib));
  const declared = Object.values(vectorFiles).reduce((n, f) => n + f.numberOfTests, 0);
  if (vectors.length !== declared) failures.push(`the vector files declare ${declared} tests but ${vectors.length} cases were made`);
  const tallies = [
    runCases('vectors', vectors, failures),
    runCases('006 drop-in vectors', named(dropIn006Cases(lib, lib006)), failures),
    runCases('smoke', smokeCases(lib, lib006), failures),
    await runAsyncCases('client', clientCases(lib, client), failures),
  ];
  const nodeGlobals = ['Buffer', 'process', 'require', 'global', 'setImmediate'].filter((name) => name in globalThis);
  return { tallies, nodeGlobals, failures };
}
