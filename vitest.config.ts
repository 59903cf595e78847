import { defineConfig } from 'vitest/config';

/**
 * Two tiers (`npm test` runs the first, then the second): `unit`, pure functions on small inputs,
 * files in parallel, in seconds; `slow`, everything that starts worker pools, DuckDB or the CLI
 * on real corpora, one file at a time (on 2 cores they run best that way).
 */
const UNIT = [
  'test/address-country.test.ts',
  'test/architecture.test.ts',
  'test/cube-steps.test.ts',
  'test/invalid-utf8.test.ts',
  'test/json-splitter.test.ts',
  'test/proportions.test.ts',
  'test/record-splitter.test.ts',
  'test/samples.test.ts',
  'test/sentences.test.ts',
  'test/shorten.test.ts',
  'test/wos-plaintext-parser.test.ts',
  'test/xml-tree.test.ts',
];

/** Every test file removes the temporary folders it made. */
const SETUP = ['test/remove-temp-dirs.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: UNIT, setupFiles: SETUP } },
      {
        test: {
          name: 'slow',
          setupFiles: SETUP,
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
