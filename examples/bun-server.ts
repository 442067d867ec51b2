// Bun server: `bun add agora-token-kit`, then
//   AGORA_APP_ID=… AGORA_APP_CERTIFICATE=… TOKEN_API_KEY=… bun examples/bun-server.ts
import { createTokenHandler } from 'agora-token-kit/server';

const apiKey = Bun.env.TOKEN_API_KEY;
const server = Bun.serve({
  hostname: Bun.env.HOST ?? '127.0.0.1',
  port: Number(Bun.env.PORT ?? 3000),
  fetch: createTokenHandler({
    appId: Bun.env.AGORA_APP_ID ?? '',
    appCertificate: Bun.env.AGORA_APP_CERTIFICATE ?? '',
    // Put your own check here (session, JWT…): whoever passes it gets a token.
    authorize: (request) => !!apiKey && request.headers.get('authorization') === `Bearer ${apiKey}`,
  }),
});
console.log(`listening on http://${server.hostname}:${server.port}`);
