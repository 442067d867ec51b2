// Conformance adapter for this library: answers the runner's JSON-lines requests with
// agora-token-kit (the built package, so run `npm run build` first).
//   npx agora-token-kit conformance -- node examples/conformance/agora-token-kit.mjs
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import * as kit from 'agora-token-kit';
import * as kit006 from 'agora-token-kit/006';

function build({ version, function: name, args, issueTs, salt, ts }) {
  const [className, method] = name.split('.');
  const builder = (version === '006' ? kit006 : kit)[className];
  if (typeof builder?.[method] !== 'function') return { unsupported: `no ${version} ${name}` };
  // Every builder takes the fixed clock and salt as one optional last argument.
  const options = version === '006' ? { salt, ts } : { issueTs, salt };
  return { token: builder[method](...args, options) };
}

function buildToken(request) {
  if (request.version === '006') {
    const { appId, appCertificate, channelName, uid, salt, ts, privileges } = request;
    return { token: kit.buildToken({ version: '006', appId, appCertificate, channelName, uid, salt, ts, privileges }) };
  }
  const { appId, appCertificate, issueTs, expire, salt, services } = request;
  return { token: kit.buildToken({ appId, appCertificate, issueTs, expire, salt, services }) };
}

// decodeToken and verifyToken read both versions; the runner tests one version's parser at a time.
function sameVersion({ version, token }) {
  if (!token.startsWith(version)) throw new Error(`not a ${version} token`);
}

/** The answer to one request (without its id); throws when the library refuses the input. */
export function answer(request) {
  switch (request.op) {
    case 'build':
      return build(request);
    case 'buildToken':
      return buildToken(request);
    case 'decode':
      sameVersion(request);
      return { decoded: kit.decodeToken(request.token) };
    case 'verify': {
      sameVersion(request);
      const { token, appCertificate, channelName, uid } = request;
      return { valid: kit.verifyToken(token, appCertificate, channelName === undefined ? undefined : { channelName, uid }) };
    }
    default:
      return { unsupported: `unknown op ${request.op}` };
  }
}

/** Reads requests from stdin and writes one answer line per request, until stdin ends. */
export async function serveRequests(answerOne) {
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    let reply;
    try {
      reply = await answerOne(request);
    } catch (e) {
      reply = { error: e instanceof kit.TokenError ? `${e.code}: ${e.message}` : String(e) };
    }
    process.stdout.write(`${JSON.stringify({ id: request.id, ...reply })}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await serveRequests(answer);
