import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { madeTempDirs } from './helpers.js';

// Runs in every test file (vitest.config.ts, setupFiles): a run of the slow tests made several
// GB of corpora and databases under the system's temporary folder and left them there.
afterAll(() => {
  for (const dir of madeTempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
