// Load benchmark of the token server: `agora-token-kit serve` (the built bin) on loopback, driven by
// autocannon for 10 s with the guide's request. Prints requests/s, latency p50/p99, errors and non-2xx
// answers; exits 1 if any request failed. Needs `npm run build` first.
//   npm run bench:server [-- --connections 10 --duration 10]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { verifyToken } from '../dist/index.js';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '10' }, duration: { type: 'string', default: '10' } } });
const connections = Number(values.connections);
// Bounded: a longer run would only heat the machine.
const duration = Math.min(Number(values.duration), 10);

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['agora-token-kit']);
const appId = '970ca35de60c44645bbae8a215061b33';
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b';
const cwd = mkdtempSync(join(tmpdir(), 'agora-bench-'));

const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1'], {
  cwd,
  env: { PATH: process.env.PATH, AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let logLines = 0;
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the server did not start within 10 s')), 10_000);
  let seen = '';
  child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  // Keep reading the per-request log (counting it) so the pipe never fills and stalls the server.
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    logLines += chunk.split('\n').length - 1;
    seen += chunk;
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
    if (match) {
      clearTimeout(timer);
      seen = '';
      resolve(match[1]);
    }
  });
});

const body = JSON.stringify({ uid: 123, ChannelName: 'ChannelA', role: 1 });
const headers = { 'content-type': 'application/json' };
const probe = await fetch(`${url}/fetch_rtc_token`, { method: 'POST', headers, body });
const { token } = await probe.json();
if (probe.status !== 200 || !verifyToken(token, appCertificate)) throw new Error(`the server answered ${probe.status} with a token that does not verify`);

const result = await autocannon({ url: `${url}/fetch_rtc_token`, method: 'POST', headers, body, connections, duration });
const exited = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
const exitCode = await exited;
rmSync(cwd, { recursive: true, force: true });

const failures = result.errors + result.timeouts + result.non2xx;
console.log(`token server (node ${process.versions.node}, ${connections} connections, ${duration} s, POST /fetch_rtc_token on loopback)`);
console.log(`  requests/s   ${Math.round(result.requests.average)} (total ${result.requests.total})`);
console.log(`  latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
console.log(`  errors       ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`);
console.log(`  log lines    ${logLines}; server exit code after SIGTERM ${exitCode}`);
process.exitCode = failures === 0 && exitCode === 0 ? 0 : 1;
