// Vercel Edge Function: save as api/[...path].ts, set AGORA_APP_ID, AGORA_APP_CERTIFICATE and
// TOKEN_API_KEY in the project's environment variables, then POST to /api/fetch_rtc_token.
import { createTokenHandler } from 'agora-token-kit/server';

export const config = { runtime: 'edge' };

const apiKey = process.env.TOKEN_API_KEY;

export default createTokenHandler({
  appId: process.env.AGORA_APP_ID ?? '',
  appCertificate: process.env.AGORA_APP_CERTIFICATE ?? '',
  basePath: '/api',
  // Put your own check here (session, JWT…): whoever passes it gets a token.
  authorize: (request) => !!apiKey && request.headers.get('authorization') === `Bearer ${apiKey}`,
});
