// The conformance runner in process: the requests it sends for each vector type, how it judges every
// kind of answer (with the exact reason a maintainer reads), the report, the vector loader, and the
// adapter process (started, timed out, restarted, closed).
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zlibSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { AdapterProcess } from '../../src/cli/conformance/adapter-process.js';
import { type Ask, conformanceCases, type VectorFile, type VectorGroup, type VectorTest } from '../../src/cli/conformance/cases.js';
import type { Reply, Request } from '../../src/cli/conformance/protocol.js';
import { formatReport, runCases, tally, type CaseResult } from '../../src/cli/conformance/run.js';
import { loadVectorFiles } from '../../src/cli/conformance/vectors.js';
import { register as registerConformance } from '../../src/cli/commands/conformance.js';
import { runInProcess } from '../support/cli-in-process.js';

// This library's adapter (it reads the built package: run `npm run build` first), answering in process.
const adapterPath = new URL('../../examples/conformance/agora-token-kit.mjs', import.meta.url);
const { answer } = (await import(adapterPath.href)) as { answer: (request: Request) => Reply };
const reference: Ask = async (request) => {
  try {
    return answer(request);
  } catch (e) {
    return { error: String(e) };
  }
};

const vectorsDir = new URL('../../vectors/', import.meta.url).pathname;
const files = loadVectorFiles(vectorsDir);
const scratch = mkdtempSync(join(tmpdir(), 'agora-conformance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One test of a vector group, alone in a file, with its group. */
function pick(type: string, which: (t: VectorTest) => boolean = () => true): { group: VectorGroup; test: VectorTest } {
  for (const [, data] of files) {
    for (const group of data.testGroups) {
      const test = group.type === type ? group.tests.find(which) : undefined;
      if (test) return { group, test };
    }
  }
  throw new Error(`no ${type} vector`);
}
const single = ({ group, test }: { group: VectorGroup; test: VectorTest }): [string, VectorFile][] => [['one.json', { testGroups: [{ ...group, tests: [test] }] }]];
const judge = (vector: { group: VectorGroup; test: VectorTest }, ask: Ask) => conformanceCases(single(vector))[0]!.run(ask);
/** The reference answer, changed by `change`. */
const altered = (change: (reply: Record<string, unknown>, request: Request) => unknown): Ask => async (request) => change({ ...(await reference(request)) } as Record<string, unknown>, request) as Reply;

const build007 = pick('TokenBuilder007', (t) => t.result === 'valid');
const invalid007 = pick('TokenBuilder007', (t) => t.result === 'invalid');
const fields007 = pick('AccessToken2Build', (t) => t.result === 'valid' && !t.flags.includes('UnknownServiceType'));
const build006 = pick('TokenBuilder006', (t) => t.result === 'valid');
const fields006 = pick('AccessToken006Build', (t) => t.result === 'valid');
const parse007 = pick('AccessToken2ParseVerify', (t) => t.result === 'valid' && !t.flags.includes('UnknownServiceType'));
const parseInvalid007 = pick('AccessToken2ParseVerify', (t) => t.result === 'invalid');
const parseUnknown = pick('AccessToken2ParseVerify', (t) => t.result === 'valid' && t.flags.includes('UnknownServiceType'));
const parse006 = pick('AccessToken006ParseVerify', (t) => t.result === 'valid');

describe('with a correct adapter', () => {
  it('every vector passes, in file order', async () => {
    const cases = conformanceCases(files);
    const results = await runCases(cases, reference);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.map((r) => r.file)).toEqual(files.flatMap(([name, data]) => data.testGroups.flatMap((g) => g.tests.map(() => name))));
    expect(results[0]).toEqual({ file: files[0]![0], function: files[0]![1].testGroups[0]!.function, tcId: 1, comment: files[0]![1].testGroups[0]!.tests[0]!.comment, flags: files[0]![1].testGroups[0]!.tests[0]!.flags, status: 'pass' });
  });

  it('sends the request of each vector type', async () => {
    const sent: Request[] = [];
    const recording: Ask = (request) => (sent.push(request), reference(request));
    for (const vector of [build007, fields007, build006, fields006]) await judge(vector, recording);
    const a = (v: { test: VectorTest }) => v.test.args;
    expect(sent).toEqual([
      { op: 'build', version: '007', function: build007.group.function, args: build007.test.argsList, issueTs: build007.test.issueTs, salt: build007.test.salt },
      {
        op: 'buildToken',
        version: '007',
        appId: a(fields007).appId,
        appCertificate: a(fields007).appCertificate,
        issueTs: fields007.test.issueTs,
        expire: a(fields007).expire,
        salt: fields007.test.salt,
        services: fields007.test.services,
      },
      { op: 'build', version: '006', function: build006.group.function, args: build006.test.argsList, salt: build006.test.salt, ts: build006.test.ts },
      {
        op: 'buildToken',
        version: '006',
        appId: a(fields006).appID,
        appCertificate: a(fields006).appCertificate,
        channelName: a(fields006).channelName,
        uid: a(fields006).uid,
        salt: fields006.test.salt,
        ts: fields006.test.ts,
        privileges: fields006.test.privileges,
      },
    ]);
  });

  it('decodes, then verifies: 006 with its channel and uid, 007 alone', async () => {
    const sent: Request[] = [];
    const recording: Ask = (request) => (sent.push(request), reference(request));
    await judge(parse007, recording);
    await judge(parse006, recording);
    const { token: t7, appCertificate: c7 } = parse007.test.args as { token: string; appCertificate: string };
    const { token: t6, appCertificate: c6, channelName, uid } = parse006.test.args as { token: string; appCertificate: string; channelName: string; uid: number };
    expect(sent).toEqual([
      { op: 'decode', version: '007', token: t7 },
      { op: 'verify', version: '007', token: t7, appCertificate: c7 },
      { op: 'decode', version: '006', token: t6 },
      { op: 'verify', version: '006', token: t6, appCertificate: c6, channelName, uid },
    ]);
  });

  it('skips a group type it does not know', async () => {
    const files: [string, VectorFile][] = [['x.json', { testGroups: [{ ...build007.group, type: 'Future', tests: [build007.test] }] }]];
    expect(await conformanceCases(files)[0]!.run(reference)).toEqual({ status: 'skip', reason: 'the runner does not know group type Future' });
  });
});

describe('judging build answers', () => {
  it('passes on no answer, an unsupported function, and refusals of invalid input', async () => {
    expect(await judge(build007, async () => ({ failure: 'no answer within 5 ms' }))).toEqual({ status: 'fail', reason: 'no answer within 5 ms' });
    expect(await judge(build007, async () => ({ unsupported: 'no such builder' }))).toEqual({ status: 'skip', reason: 'no such builder' });
    expect(await judge(invalid007, async () => ({ error: 'refused' }))).toEqual({ status: 'pass' });
    expect(await judge(invalid007, async () => ({ token: '007x', b: 1 }))).toEqual({ status: 'fail', reason: 'expected the input to be refused with an error, got {"b":1,"token":"007x"}' });
    expect(await judge(invalid007, async () => ({ failure: 'gone' }))).toEqual({ status: 'fail', reason: 'gone' });
  });

  it('fails an error or a missing token for valid input', async () => {
    expect(await judge(build007, async () => ({ error: 'nope' }))).toEqual({ status: 'fail', reason: 'expected a token, got error "nope"' });
    expect(await judge(build007, async () => ({}) as Reply)).toEqual({ status: 'fail', reason: 'expected {"token"}, got {}' });
    expect(await judge(build006, async () => ({ token: 5 }) as unknown as Reply)).toEqual({ status: 'fail', reason: 'expected {"token"}, got {"token":5}' });
  });

  it('compares 007 payloads, naming the field that differs', async () => {
    const salted = altered((_reply, request) => answer({ ...request, salt: (request as { salt: number }).salt + 1 } as Request));
    const s = build007.test.salt!;
    // The signature covers the salt, so it differs too.
    const differs = (what: string, salt: number) => new RegExp(`^${what} differs: signature: expected "[0-9a-f]{64}", got "[0-9a-f]{64}"; salt: expected ${salt}, got ${salt + 1}$`);
    expect(await judge(build007, salted)).toEqual({ status: 'fail', reason: expect.stringMatching(differs('payload', s)) });
    expect(await judge(fields007, salted)).toEqual({ status: 'fail', reason: expect.stringMatching(differs('payload', fields007.test.salt!)) });
  });

  it('names what is wrong with a 007 token that has no payload', async () => {
    const token = (t: string): Ask => async () => ({ token: t });
    expect(await judge(build007, token('006abcdefghijklmnop'))).toEqual({ status: 'fail', reason: 'the token does not start with "007": "006abcdefghi"' });
    expect(await judge(build007, token('007!!!!'))).toEqual({ status: 'fail', reason: 'the token is not base64 after "007"' });
    expect(await judge(build007, token('007YQ'))).toEqual({ status: 'fail', reason: 'the token is not canonical, padded base64 after "007"' });
    const notZlib = await judge(build007, token(`007${btoa('hello')}`));
    expect(notZlib).toEqual({ status: 'fail', reason: expect.stringMatching(/^the token is not zlib data: .+/) });
    const garbage = `007${btoa(String.fromCharCode(...zlibSync(new Uint8Array([1, 2, 3]))))}`;
    expect(await judge(build007, token(garbage))).toEqual({ status: 'fail', reason: expect.stringMatching(/^payload differs: its payload does not decode: .+/) });
  });

  it('compares 006 tokens as text, naming the field that differs', async () => {
    const salted = altered((_reply, request) => answer({ ...request, salt: (request as { salt: number }).salt + 1 } as Request));
    const differs = (salt: number) => new RegExp(`^token differs: signature: expected "[0-9a-f]{64}", got "[0-9a-f]{64}"; salt: expected ${salt}, got ${salt + 1}$`);
    expect(await judge(build006, salted)).toEqual({ status: 'fail', reason: expect.stringMatching(differs(build006.test.salt!)) });
    expect(await judge(fields006, salted)).toEqual({ status: 'fail', reason: expect.stringMatching(differs(fields006.test.salt!)) });
  });
});

describe('judging parse answers', () => {
  const onOp = (op: string, reply: Record<string, unknown>): Ask => async (request) => (request.op === op ? (reply as Reply) : reference(request));

  it('passes on no answer, unsupported operations and answers of the wrong shape', async () => {
    expect(await judge(parse007, onOp('decode', { failure: 'exited' }))).toEqual({ status: 'fail', reason: 'exited' });
    expect(await judge(parse007, onOp('decode', { unsupported: 'no decode' }))).toEqual({ status: 'skip', reason: 'no decode' });
    expect(await judge(parse007, onOp('decode', {}))).toEqual({ status: 'fail', reason: 'expected {"decoded"} or {"error"}, got {}' });
    expect(await judge(parse007, onOp('decode', { decoded: null }))).toEqual({ status: 'fail', reason: 'expected {"decoded"} or {"error"}, got {"decoded":null}' });
    expect(await judge(parse007, onOp('decode', { decoded: 'x' }))).toEqual({ status: 'fail', reason: 'expected {"decoded"} or {"error"}, got {"decoded":"x"}' });
    expect(await judge(parse007, onOp('verify', { failure: 'timed out' }))).toEqual({ status: 'fail', reason: 'timed out' });
    expect(await judge(parse007, onOp('verify', { unsupported: 'no verify' }))).toEqual({ status: 'skip', reason: 'no verify' });
    expect(await judge(parse007, onOp('verify', { valid: 'yes' }))).toEqual({ status: 'fail', reason: 'expected {"valid"} or {"error"}, got {"valid":"yes"}' });
  });

  it('says why a valid token was judged invalid', async () => {
    expect(await judge(parse007, onOp('decode', { error: 'bad' }))).toEqual({ status: 'fail', reason: 'expected valid, got invalid (decode refused it)' });
    expect(await judge(parse007, onOp('verify', { valid: false }))).toEqual({ status: 'fail', reason: 'expected valid, got invalid (verify returned false)' });
    expect(await judge(parse007, onOp('verify', { error: 'ERR_X' }))).toEqual({ status: 'fail', reason: 'expected valid, got invalid (verify refused it: "ERR_X")' });
  });

  it('fails an invalid token that decoded and verified, and passes one refused either way', async () => {
    expect(await judge(parseInvalid007, onOp('verify', { valid: true }))).toEqual({ status: 'fail', reason: 'expected invalid, got valid (it decoded and verified)' });
    expect(await judge(parseInvalid007, onOp('decode', { error: 'bad' }))).toEqual({ status: 'pass' });
    expect(await judge(parseInvalid007, onOp('verify', { error: 'bad' }))).toEqual({ status: 'pass' });
  });

  it('compares the decoded fields of a valid token, at most four differences', async () => {
    const decoded = (change: (d: Record<string, unknown>) => void): Ask =>
      altered((reply) => {
        if (!('decoded' in reply)) return reply;
        const d = structuredClone(reply.decoded) as Record<string, unknown>;
        change(d);
        return { decoded: d };
      });
    const expected = parse007.test.decoded as Record<string, unknown>;
    expect(await judge(parse007, decoded((d) => (d.salt = 1 + (d.salt as number))))).toEqual({
      status: 'fail',
      reason: `decoded token differs: salt: expected ${expected.salt as number}, got ${(expected.salt as number) + 1}`,
    });
    expect(await judge(parse007, decoded((d) => ((d.services as Record<string, unknown>[])[0]!.type = 99)))).toEqual({
      status: 'fail',
      reason: `decoded token differs: services[0].type: expected ${(expected.services as { type: number }[])[0]!.type}, got 99`,
    });
    expect(await judge(parse007, decoded((d) => (d.services = [])))).toEqual({
      status: 'fail',
      reason: `decoded token differs: services: expected ${(expected.services as unknown[]).length} entries, got 0: []`,
    });
    const many = await judge(
      parse007,
      decoded((d) => Object.assign(d, { signature: 'x', appId: 'y', issueTs: -1, expire: -1, salt: -1 })),
    );
    expect(many.status).toBe('fail');
    expect((many as { reason: string }).reason.split('; ').map((p) => p.split(':')[0])).toEqual(['decoded token differs', 'appId', 'issueTs', 'expire']);
    // Fields outside the reference's view do not count.
    expect(await judge(parse007, decoded((d) => (d.extra = 1)))).toEqual({ status: 'pass' });
  });

  it('allows services after an unknown type only where the vector is flagged so', async () => {
    const extra = altered((reply) =>
      'decoded' in reply ? { decoded: { ...(reply.decoded as object), services: [...((reply.decoded as { services: unknown[] }).services), { type: 9, privileges: {} }] } } : reply,
    );
    expect(await judge(parseUnknown, extra)).toEqual({ status: 'pass' });
    expect((await judge(parse007, extra)).status).toBe('fail');
  });

  it('cuts long values in reasons to 120 characters', async () => {
    const long = 'e'.repeat(300);
    expect(await judge(build007, async () => ({ error: long }))).toEqual({ status: 'fail', reason: `expected a token, got error "${'e'.repeat(116)}...` });
  });
});

describe('running and reporting', () => {
  const base = { function: 'F', comment: 'c', flags: [] as string[] };
  const result = (file: string, tcId: number, verdict: Partial<CaseResult>): CaseResult => ({ file, tcId, ...base, status: 'pass', ...verdict }) as CaseResult;

  it('stops asking an adapter that gave no answer to three requests in a row', async () => {
    let asked = 0;
    const silent: Ask = async () => (asked++, { failure: 'no answer within 5 ms' });
    const cases = conformanceCases(files).slice(0, 6);
    const seen: number[] = [];
    const results = await runCases(cases, silent, (i) => seen.push(i));
    expect(asked).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.slice(3).map((r) => ('reason' in r ? r.reason : ''))).toEqual(Array(3).fill('not run: the adapter gave no answer to 3 requests in a row'));
    expect(results.slice(0, 3).every((r) => r.status === 'fail')).toBe(true);
  });

  it('an answer in between resets the count', async () => {
    let asked = 0;
    const flaky: Ask = async (request) => (++asked % 3 === 0 ? reference(request) : { failure: 'lost' });
    const cases = conformanceCases(single(build007)).flatMap((c) => Array(7).fill(c) as typeof c[]);
    await runCases(cases, flaky);
    expect(asked).toBe(7);
  });

  it('tallies per file in run order, and overall', () => {
    const results = [result('b.json', 1, {}), result('a.json', 1, { status: 'fail', reason: 'r' }), result('b.json', 2, { status: 'skip', reason: 's' }), result('b.json', 3, {})];
    expect(tally(results)).toEqual({
      files: [
        { file: 'b.json', total: 3, passed: 2, failed: 0, skipped: 1 },
        { file: 'a.json', total: 1, passed: 0, failed: 1, skipped: 0 },
      ],
      all: { file: 'all files', total: 4, passed: 2, failed: 1, skipped: 1 },
    });
  });

  it('formats a table, every failure and skip, and the summary', () => {
    const results = [result('a-long-file-name.json', 1, {}), result('b.json', 2, { status: 'fail', reason: 'why' }), result('b.json', 3, { status: 'skip', reason: 'later' })];
    expect(formatReport(results)).toEqual([
      'file                     vectors   passed   failed  skipped',
      'a-long-file-name.json          1        1        0        0',
      'b.json                         2        0        1        1',
      'all files                      3        1        1        1',
      '',
      'FAIL b.json F #2 (c): why',
      'SKIP b.json F #3 (c): later',
      '',
      'FAILED: 1 of 3 vectors failed, 1 passed, 1 skipped',
    ]);
  });

  it('summarises a clean run, with or without skips', () => {
    expect(formatReport([result('a.json', 1, {})])).toEqual([
      'file         vectors   passed   failed  skipped',
      'a.json             1        1        0        0',
      'all files          1        1        0        0',
      '',
      'ok: 1 of 1 vectors passed',
    ]);
    expect(formatReport([result('a.json', 1, {}), result('a.json', 2, { status: 'skip', reason: 'x' })]).at(-1)).toBe('ok: 1 of 2 vectors passed, 1 skipped');
    expect(formatReport([result('a.json', 1, { status: 'fail', reason: 'x' })]).at(-1)).toBe('FAILED: 1 of 1 vectors failed, 0 passed');
  });
});

describe('loadVectorFiles', () => {
  it('reads every vector file but the schema, sorted by name', () => {
    expect(files.map(([name]) => name)).toEqual([
      'accesstoken006.json',
      'accesstoken2.json',
      'apaas.json',
      'chat.json',
      'convoai.json',
      'education.json',
      'fpa.json',
      'parse.json',
      'rtc-token-builder006.json',
      'rtc-token-builder2.json',
      'rtm-token-builder006.json',
      'rtm-token-builder2.json',
      'stt.json',
    ]);
  });

  it('refuses a missing folder, an empty one, and a file without testGroups', () => {
    const missing = join(scratch, 'missing');
    expect(() => loadVectorFiles(missing)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(new RegExp(`^cannot read the vectors directory ${missing}: ENOENT`)) }));
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'schema.json'), '{}');
    writeFileSync(join(empty, 'notes.txt'), 'x');
    expect(() => loadVectorFiles(empty)).toThrow(expect.objectContaining({ exitCode: 2, message: `no vector files (*.json) in ${empty}` }));
    const wrong = join(scratch, 'wrong');
    mkdirSync(wrong);
    writeFileSync(join(wrong, 'a.json'), '{"testGroups": []}');
    writeFileSync(join(wrong, 'b.json'), '{"tests": []}');
    expect(() => loadVectorFiles(wrong)).toThrow(expect.objectContaining({ exitCode: 2, message: 'b.json is not a vector file: it has no testGroups' }));
    writeFileSync(join(wrong, 'b.json'), 'null');
    expect(() => loadVectorFiles(wrong)).toThrow(expect.objectContaining({ message: 'b.json is not a vector file: it has no testGroups' }));
  });
});

describe('AdapterProcess', () => {
  /** An adapter that runs `body` (JavaScript, with `send(object)` and `lines` from stdin). */
  const adapter = (body: string, timeoutMs = 5000) =>
    new AdapterProcess(
      [
        process.execPath,
        '-e',
        `const send = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
         const lines = require('node:readline').createInterface({ input: process.stdin });
         ${body}`,
      ],
      timeoutMs,
    );
  const request: Request = { op: 'decode', version: '007', token: '007x' };

  it('matches answers to requests by id, skipping blank lines and late answers', async () => {
    const p = adapter(`lines.on('line', (l) => { const { id, token } = JSON.parse(l); process.stdout.write('\\n'); send({ id: id + 100, stale: true }); send({ id, echo: token }); });`);
    expect(await p.request(request)).toEqual({ echo: '007x' });
    expect(await p.request({ ...request, token: '007y' })).toEqual({ echo: '007y' });
    await p.close();
  });

  it('an adapter that exits after answering has started: only that request fails', async () => {
    const p = adapter(`lines.on('line', (l) => { const { id, token } = JSON.parse(l); if (token === 'exit') process.exit(5); send({ id, ok: true }); });`);
    expect(await p.request(request)).toEqual({ ok: true });
    expect(await p.request({ ...request, token: 'exit' })).toEqual({ failure: 'the adapter exited (code 5) before answering' });
    expect(p.failedToStart).toBeUndefined();
    await p.close();
  });

  it('fails a request whose answer is not JSON, quoting 80 characters of it', async () => {
    const p = adapter(`lines.on('line', () => process.stdout.write('${'n'.repeat(100)}\\n'));`);
    expect(await p.request(request)).toEqual({ failure: `the adapter wrote a line that is not JSON: ${'n'.repeat(80)}` });
    await p.close();
  });

  it('fails a request when the adapter exits, and starts it again for the next', async () => {
    const p = adapter(`lines.once('line', (l) => { if (require('node:fs').existsSync(process.env.MARK)) { send({ id: JSON.parse(l).id, again: true }); } else { require('node:fs').writeFileSync(process.env.MARK, ''); process.exit(3); } });`);
    process.env.MARK = join(scratch, 'started-once');
    try {
      expect(await p.request(request)).toEqual({ failure: 'the adapter exited (code 3) before answering' });
      expect(p.failedToStart).toMatch(/ exited \(code 3\) before its first answer: run it alone to see why$/);
      expect(p.failedToStart!.startsWith(`${process.execPath} -e `)).toBe(true);
      expect(await p.request(request)).toEqual({ again: true });
    } finally {
      delete process.env.MARK;
      await p.close();
    }
  });

  it('times out a request that gets no answer and kills the adapter', async () => {
    const p = adapter(`lines.on('line', (l) => { if (JSON.parse(l).token === 'answer') send({ id: JSON.parse(l).id, late: false }); });`, 2000);
    expect(await p.request(request)).toEqual({ failure: 'no answer within 2000 ms' });
    expect(await p.request({ ...request, token: 'answer' })).toEqual({ late: false });
    await p.close();
  });

  it('reports a command that cannot be started', async () => {
    const p = new AdapterProcess([join(scratch, 'no-such-adapter')], 5000);
    const reply = await p.request(request);
    expect(reply).toEqual({ failure: expect.stringMatching(/^the adapter could not be started: spawn .*no-such-adapter ENOENT$/) });
    expect(p.failedToStart).toMatch(new RegExp(`^cannot start ${join(scratch, 'no-such-adapter')}: spawn .*ENOENT$`));
    await p.close();
  });

  it('close ends an adapter that ignores the end of its input', async () => {
    const p = adapter(`lines.on('line', (l) => send({ id: JSON.parse(l).id, ok: true })); process.stdin.on('end', () => {}); setInterval(() => {}, 1000);`);
    expect(await p.request(request)).toEqual({ ok: true });
    const started = Date.now();
    await p.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await p.close();
  });
});

describe('the conformance command', () => {
  const oneFile = join(scratch, 'one');
  mkdirSync(oneFile);
  copyFileSync(join(vectorsDir, 'fpa.json'), join(oneFile, 'fpa.json'));
  const fpaCount = files.find(([name]) => name === 'fpa.json')![1].testGroups[0]!.tests.length;
  const conformance = (args: string[], tty = false) => runInProcess(registerConformance, ['conformance', '--vectors', oneFile, ...args], { tty });

  it("passes this library's adapter and prints the report", async () => {
    const r = await conformance(['--', process.execPath, adapterPath.pathname]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'file         vectors   passed   failed  skipped',
      `fpa.json           ${fpaCount}        ${fpaCount}        0        0`,
      `all files          ${fpaCount}        ${fpaCount}        0        0`,
      '',
      `ok: ${fpaCount} of ${fpaCount} vectors passed`,
      '',
    ]);
  });

  it('--json prints the adapter, the counts and only the vectors that did not pass; a failure exits 1', async () => {
    const refuseAll = `require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => process.stdout.write(JSON.stringify({ id: JSON.parse(l).id, error: 'no' }) + '\\n'))`;
    const r = await conformance(['--json', '--', process.execPath, '-e', refuseAll]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { adapter: string[]; summary: unknown; files: unknown[]; results: { status: string }[] };
    expect(report.adapter).toEqual([process.execPath, '-e', refuseAll]);
    expect(report.files).toEqual([{ file: 'fpa.json', total: fpaCount, passed: report.results.length === fpaCount ? 0 : fpaCount - report.results.length, failed: report.results.length, skipped: 0 }]);
    expect(report.summary).toEqual({ ...(report.files[0] as object), file: 'all files' });
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((x) => x.status === 'fail')).toBe(true);
  });

  it('on a terminal, shows progress on stderr and paints the verdicts', async () => {
    const passing = await conformance(['--', process.execPath, adapterPath.pathname], true);
    const fn = files.find(([name]) => name === 'fpa.json')![1].testGroups[0]!.function;
    expect(passing.stderr).toBe(`${Array.from({ length: fpaCount }, (_, i) => `\r\x1b[K${i + 1}/${fpaCount} fpa.json ${fn} #${i + 1}`).join('')}\r\x1b[K`);
    expect(passing.stdout.split('\n').at(-2)).toBe(`\x1b[32mok: ${fpaCount} of ${fpaCount} vectors passed\x1b[39m`);
    const refuseAll = `require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => process.stdout.write(JSON.stringify({ id: JSON.parse(l).id, error: 'no' }) + '\\n'))`;
    const failing = await conformance(['--', process.execPath, '-e', refuseAll], true);
    const painted = failing.stdout.split('\n').filter((line) => line.includes('FAIL'));
    expect(painted.length).toBeGreaterThan(1);
    expect(painted.every((line) => line.startsWith('\x1b[31m') && line.endsWith('\x1b[39m'))).toBe(true);
    expect(failing.stdout).not.toContain('\x1b[32m');
  });

  it('exits 2 when the adapter cannot be started', async () => {
    const missing = join(scratch, 'no-such-adapter');
    const r = await conformance(['--', missing, '--flag']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: cannot start ${missing} --flag: spawn .* ENOENT\\n$`));
  });

  it('exits 2 with one line when the adapter exits before its first answer', async () => {
    const r = await conformance(['--', process.execPath, '-e', 'process.exit(4)']);
    expect(r).toEqual({ exitCode: 2, stdout: '', stderr: `error: ${process.execPath} -e process.exit(4) exited (code 4) before its first answer: run it alone to see why\n` });
  });

  it('refuses a timeout out of range', async () => {
    expect((await conformance(['--timeout', '0', '--', 'x'])).exitCode).toBe(2);
    expect((await conformance(['--timeout', '600001', '--', 'x'])).exitCode).toBe(2);
  });
});
