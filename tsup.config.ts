import { defineConfig } from 'tsup';

const entry = { index: 'src/index.ts' };

export default defineConfig([
  // ESM keeps its dependencies external so bundlers can share and tree-shake them.
  { entry, format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'es2022', platform: 'neutral' },
  // @noble/hashes 2 is ESM-only: bundling it into the CJS build lets `require` work on every Node
  // version `engines` claims, including those without require(esm).
  { entry, format: ['cjs'], dts: true, sourcemap: true, target: 'es2022', platform: 'neutral', noExternal: ['@noble/hashes'] },
]);
