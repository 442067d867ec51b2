// Deno server: `deno add npm:agora-token-kit`, then
//   AGORA_APP_ID=… AGORA_APP_CERTIFICATE=… TOKEN_API_KEY=… deno run --allow-net --allow-env examples/deno-server.ts
import { createTokenHandler } from 'agora-token-kit/server';

const apiKey = Deno.env.get('TOKEN_API_KEY');
const handler = createTokenHandler({
  appId: Deno.env.get('AGORA_APP_ID') ?? '',
  appCertificate: Deno.env.get('AGORA_APP_CERTIFICATE') ?? '',
  // Put your own check here (session, JWT…): whoever passes it gets a token.
  authorize: (request) => !!apiKey && request.headers.get('authorization') === `Bearer ${apiKey}`,
});

Deno.serve(
  {
    hostname: Deno.env.get('HOST') ?? '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 8000),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  handler,
);
