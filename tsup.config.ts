import { defineConfig } from 'tsup';

// Keys become the file names in dist/: `006` is the `agora-token-kit/006` subpath (package.json exports).
const entry = { index: 'src/index.ts', '006': 'src/006.ts', server: 'src/server/index.ts', client: 'src/client/index.ts' };

export default defineConfig([
  // ESM keeps its dependencies external so bundlers can share and tree-shake them.
  { entry, format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'es2022', platform: 'neutral' },
  // @noble/hashes 2 is ESM-only: bundling it into the CJS build lets `require` work on every Node
  // version `engines` claims, including those without require(esm).
  { entry, format: ['cjs'], dts: true, sourcemap: true, target: 'es2022', platform: 'neutral', noExternal: ['@noble/hashes'] },
  // One self-contained ES module for pages that load the library without a bundler: the `serve` demo
  // imports it (demo/app.js), and `browser/client.js` is `agora-token-kit/client` for pages; no
  // dependency has to be resolved by the browser.
  {
    entry: { 'browser/agora-token-kit': 'src/index.ts', 'browser/client': 'src/client/index.ts' },
    format: ['esm'],
    target: 'es2022',
    platform: 'browser',
    noExternal: [/./],
    minify: true,
    // Each file stands alone: a page loads one of them without the shared chunks a split build makes.
    splitting: false,
  },
  // The `agora-token-kit` bin: Node only. commander and fflate (the conformance kit's independent
  // inflater) are bundled so that they are not dependencies of the library. commander is CommonJS and
  // requires Node built-ins, hence a real `require` in the ES module.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    noExternal: ['commander', 'fflate'],
    // Minified: 129 KB instead of 291 KB for every `npx agora-token-kit`.
    minify: true,
    banner: { js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  },
]);
