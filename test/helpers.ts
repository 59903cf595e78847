import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
/** Real exports collected from public repositories; CI has ../shared beside the clone. */
export const CORPORA = resolve(ROOT, '../shared/corpora');
export const WOS_PLAINTEXT = join(CORPORA, 'wos_plaintext');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

export function tempDir(prefix = 'coauth-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

/** Records in a WoS plain-text file counted the simplest way: lines that are exactly ER. */
export function countErLines(path: string): number {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l === 'ER').length;
}
