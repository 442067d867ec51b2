// Bundles src/main.js, with agora-rtc-sdk-ng and agora-token-kit/client, into dist/main.js.
//   node build.mjs                   one build
//   node build.mjs --serve [port]    rebuild on change and serve this folder (default port 8080)
import * as esbuild from 'esbuild';

const options = {
  entryPoints: ['src/main.js'],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  logLevel: 'info',
};

const serve = process.argv.indexOf('--serve');
if (serve === -1) {
  await esbuild.build(options);
} else {
  const port = Number(process.argv[serve + 1] ?? 8080);
  const context = await esbuild.context(options);
  await context.watch();
  const { hosts } = await context.serve({ servedir: '.', host: '127.0.0.1', port });
  console.log(`Web client at http://${hosts[0]}:${port}/ (start the token server with --allow-origin http://${hosts[0]}:${port})`);
}
