import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Extensions picked up when a folder is given; a file named explicitly is read whatever its name. */
const FOLDER_EXTENSIONS = /\.(txt|isi|ciw|tsv|tab|csv|xml|json|jsonl|ndjson|del)(\.gz)?$|\.gz$/i;

export interface InputFile {
  path: string;
  size: number;
}

/** Expands files and folders (recursively) into a sorted, de-duplicated list of input files. */
export async function discoverInputs(paths: readonly string[]): Promise<InputFile[]> {
  const found = new Map<string, number>();
  for (const p of paths) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => null);
    if (st === null) throw new Error(`${p}: no such file or folder`);
    if (st.isDirectory()) await walk(abs, found);
    else found.set(abs, st.size);
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, size]) => ({ path, size }));
}

async function walk(dir: string, found: Map<string, number>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) await walk(p, found);
    else if (entry.isFile() && FOLDER_EXTENSIONS.test(entry.name)) found.set(p, (await stat(p)).size);
  }
}
