// Cloudflare Worker, no nodejs_compat flag needed. Deploy with wrangler:
//   wrangler secret put AGORA_APP_CERTIFICATE && wrangler secret put TOKEN_API_KEY
//   wrangler deploy examples/cloudflare-worker.ts --name agora-token --compatibility-date 2026-04-01 --var AGORA_APP_ID:<app id>
// then: curl -H "authorization: Bearer $TOKEN_API_KEY" -d '{"ChannelName":"room","uid":42,"role":1}' https://…/fetch_rtc_token
import { createTokenHandler } from 'agora-token-kit/server';

interface Env {
  AGORA_APP_ID: string;
  AGORA_APP_CERTIFICATE: string;
  TOKEN_API_KEY?: string;
}

let handler: ((request: Request) => Promise<Response>) | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Bindings arrive with the first request; the handler is made then and kept by the isolate.
    handler ??= createTokenHandler({
      appId: env.AGORA_APP_ID,
      appCertificate: env.AGORA_APP_CERTIFICATE,
      // Put your own check here (session, JWT…): whoever passes it gets a token.
      authorize: (req) => !!env.TOKEN_API_KEY && req.headers.get('authorization') === `Bearer ${env.TOKEN_API_KEY}`,
    });
    return handler(request);
  },
};
