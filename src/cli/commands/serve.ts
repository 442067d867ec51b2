import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { TokenError } from '../../errors.js';
import { toHex } from '../../lib/bytes.js';
import { createTokenHandler } from '../../server/index.js';
import { canonicalHost, isLoopbackHost } from '../../server/hosts.js';
import { loadDemo, withDemo } from '../../server/node-demo.js';
import { toNodeListener } from '../../server/node-adapter.js';
import { integerIn } from '../input.js';
import { out, repositoryFile, usageError } from '../output.js';

interface ServeOptions {
  port: number;
  host: string;
  allowHost: string[];
  allowOrigin: string[];
  rtcVersion: '007' | '006';
}

interface Credentials {
  appId: string;
  appCertificate: string;
  /** Where they came from, for the first output line. */
  source: string;
}

const KEYS = ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE'] as const;

/** The two keys from a `.env` file: `KEY=value` lines, optional `export`, quotes and comments. */
function readDotEnv(file: string): Partial<Record<(typeof KEYS)[number], string>> {
  if (!existsSync(file)) return {};
  const found: Partial<Record<(typeof KEYS)[number], string>> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    const key = match?.[1] as (typeof KEYS)[number] | undefined;
    if (key === undefined || !KEYS.includes(key)) continue;
    const raw = match![2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    found[key] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, '');
  }
  return found;
}

/** The environment first, then `.env` in the working directory; neither set means demo credentials. */
function credentials(): Credentials {
  const dotEnv = readDotEnv(join(process.cwd(), '.env'));
  const appId = process.env.AGORA_APP_ID || dotEnv.AGORA_APP_ID;
  const appCertificate = process.env.AGORA_APP_CERTIFICATE || dotEnv.AGORA_APP_CERTIFICATE;
  if (appId === undefined && appCertificate === undefined) {
    const random = (): string => toHex(crypto.getRandomValues(new Uint8Array(16)));
    return { appId: random(), appCertificate: random(), source: 'demo' };
  }
  if (appId === undefined || appCertificate === undefined) {
    throw usageError(`${appId === undefined ? 'AGORA_APP_ID' : 'AGORA_APP_CERTIFICATE'} is not set, but ${appId === undefined ? 'AGORA_APP_CERTIFICATE' : 'AGORA_APP_ID'} is: set both (environment or .env), or neither for demo credentials`);
  }
  const fromEnv = KEYS.filter((key) => process.env[key]).length;
  return { appId, appCertificate, source: fromEnv === 2 ? 'the environment' : fromEnv === 0 ? '.env' : 'the environment and .env' };
}

// Why each listen error happens, and which option changes it.
const LISTEN_HINTS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use: pick another with --port, or --port 0 for a free one',
  EACCES: 'no permission for this port (below 1024 needs privileges): pick another with --port',
  EADDRNOTAVAIL: 'the address is not one of this machine: pick another with --host',
  ENOTFOUND: 'the host name does not resolve: pick another with --host',
};

/** Whoever can reach a loopback address can name it, so those names are always answered. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** `--host` and `--allow-host` values: a host name or IP address, never empty (which would mean every interface). */
function parseHost(text: string): string {
  if (canonicalHost(text) === undefined) throw new InvalidArgumentError('expected a host name or IP address such as 127.0.0.1, ::1 or localhost');
  return text;
}

async function serve(options: ServeOptions): Promise<void> {
  const creds = credentials();
  out(
    creds.source === 'demo'
      ? `No AGORA_APP_ID / AGORA_APP_CERTIFICATE set: using generated demo credentials (App ID ${creds.appId}). Tokens are well-formed, but Agora's servers will reject them.`
      : `Using App ID ${creds.appId} and its App Certificate from ${creds.source}.`,
  );
  const allowedHosts = [...LOOPBACK_NAMES, options.host, ...options.allowHost];
  let handler;
  try {
    handler = createTokenHandler({
      appId: creds.appId,
      appCertificate: creds.appCertificate,
      // The command is the demo server of the guide: whoever reaches it gets a token. Production
      // deployments pass their own authorize (docs/server.md).
      authorize: () => true,
      allowedOrigins: options.allowOrigin.includes('*') ? '*' : options.allowOrigin,
      allowedHosts,
      rtcTokenVersion: options.rtcVersion,
    });
  } catch (e) {
    // TokenError and option errors name the setting at fault, never the certificate's value.
    if (e instanceof TokenError || e instanceof TypeError) throw usageError(e.message);
    throw e;
  }
  const demo = withDemo(handler, loadDemo());
  const hosts = new Set(allowedHosts.map(canonicalHost));
  // A request for another host goes straight to the handler, which refuses it: the page is not
  // served to a rebound name either.
  const routed = (request: Request): Promise<Response> => (hosts.has(new URL(request.url).hostname) ? demo(request) : handler(request));
  const listener = toNodeListener(routed, {
    onResponse: ({ method, path, status, ms }) => out(`${method} ${path} ${status} ${ms.toFixed(1)}ms`),
  });
  const server = createServer((req, res) => void listener(req, res));
  // Bounded waits, so a slow or stalled client cannot hold a connection open indefinitely.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code !== undefined && e.code in LISTEN_HINTS ? usageError(`cannot listen on ${options.host}:${options.port} (${e.code}): ${LISTEN_HINTS[e.code]}`) : e),
    );
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  out(`Token server listening on http://${shown}:${port}/ (web demo at /, POST /fetch_rtc_token, GET /healthz). Ctrl+C stops it.`);
  if (!isLoopbackHost(options.host)) {
    out(
      `Warning: ${options.host} is reachable from other machines, and this server gives a token to anyone who asks. Deploy the handler with your own authorize instead (${repositoryFile('docs/server.md')}). ` +
        'It answers only requests naming localhost, 127.0.0.1, ::1, --host or an --allow-host name.',
    );
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      out(`${signal}: finishing open requests, then stopping.`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeIdleConnections();
      // Keep-alive clients that never go idle must not hold the process forever.
      setTimeout(() => server.closeAllConnections(), 5_000).unref();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Adds `serve`: the token server of Agora's guide, with the web demo at `/`. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('run the token server (POST /fetch_rtc_token and an endpoint per builder) with the web demo at /')
    .option('--port <port>', 'TCP port; 0 picks a free one', integerIn(0, 65_535), 8082)
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option(
      '--allow-host <name>',
      'also answer requests that name this host (repeatable); localhost, 127.0.0.1, ::1 and --host always are, any other name gets 421',
      (value: string, list: string[]) => [...list, parseHost(value)],
      [],
    )
    .option('--allow-origin <origin>', "let this browser origin call from another site (repeatable; '*' for any)", (value: string, list: string[]) => [...list, value], [])
    .option('--rtc-version <version>', "token version of /fetch_rtc_token: 007, or 006 for services mid-migration", (value: string) => {
      if (value !== '007' && value !== '006') throw new InvalidArgumentError('expected 007 or 006');
      return value;
    }, '007')
    .addHelpText(
      'after',
      '\nCredentials: AGORA_APP_ID and AGORA_APP_CERTIFICATE from the environment or a .env file in the\n' +
        'working directory; with neither set, generated demo credentials (well-formed tokens that\n' +
        "Agora's servers reject).\n\nExample:\n  $ AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... agora-token-kit serve --port 8082\n" +
        '  $ curl -s localhost:8082/fetch_rtc_token -H "content-type: application/json" -d \'{"uid":123,"ChannelName":"ChannelA","role":1}\'',
    )
    .action((options: ServeOptions) => serve(options));
}
