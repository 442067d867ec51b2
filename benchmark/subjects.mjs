// Loads the two sides of every comparison: this package's build in ../dist and the official packages
// installed in ./node_modules. Only `node:module` is used, which Node, Deno and Bun all provide.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Imports ../dist/<name>.js, or returns undefined when that entry has not been built. */
async function importDist(name) {
  try {
    return await import(new URL(`../dist/${name}.js`, import.meta.url).href);
  } catch (error) {
    if (/not find|not found|ERR_MODULE_NOT_FOUND/i.test(String(error?.code ?? error?.message))) return undefined;
    throw error;
  }
}

export async function loadSubjects() {
  const kit = await importDist('index');
  if (!kit) throw new Error('dist/index.js is missing: run `npm run build` first');
  return {
    kit,
    kit006: await importDist('006'),
    agoraToken: require('agora-token'),
    // The class behind agora-token's builders; its from_string/verifySignature are the official parser.
    AccessToken2: require('agora-token/src/AccessToken2.js').AccessToken2,
    agoraAccessToken: require('agora-access-token'),
  };
}
