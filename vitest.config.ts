// vitest is installed in test/ (npm run test:install), not here: only a type is imported, so that
// this file loads from the repository root.
import type { ViteUserConfig } from 'vitest/config';

export default {
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
} satisfies ViteUserConfig;
