// Size budgets (npm run size): what a browser or edge bundle of one use pays, as esbuild
// --bundle --minify --format=esm --platform=browser builds it from dist/, gzip -9. Build first.
const asBrowserModule = (config) => ({ ...config, format: 'esm', platform: 'browser' });

export default [
  {
    name: 'RTC build path: import { RtcTokenBuilder }',
    path: 'dist/index.js',
    import: '{ RtcTokenBuilder }',
    gzip: true,
    limit: '8 KB',
    modifyEsbuildConfig: asBrowserModule,
  },
  {
    name: 'decode + verify path: import { decodeToken, verifyToken }',
    path: 'dist/index.js',
    import: '{ decodeToken, verifyToken }',
    gzip: true,
    limit: '8 KB',
    modifyEsbuildConfig: asBrowserModule,
  },
  {
    name: 'client renewal path: import { createTokenRenewer, joinRtcWithToken } from agora-token-kit/client',
    path: 'dist/client.js',
    import: '{ createTokenRenewer, joinRtcWithToken }',
    gzip: true,
    // About 4 kB of it is decodeToken (inflate, base64, the service readers): see docs/client.md.
    limit: '6.5 KB',
    modifyEsbuildConfig: asBrowserModule,
  },
  {
    name: 'client entry, every adapter: import * from agora-token-kit/client',
    path: 'dist/client.js',
    import: '*',
    gzip: true,
    limit: '7 KB',
    modifyEsbuildConfig: asBrowserModule,
  },
];
