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
    // 6 KB until the worst-case inflate work (tables sized to the longest code, decoding past the
    // table by length ends), which added about 0.15 KB; see SECURITY.md "Untrusted tokens".
    limit: '6.1 KB',
    modifyEsbuildConfig: asBrowserModule,
  },
];
