import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of ARCHITECTURE.md, checked from the imports: which room (top folder of
 * src/) may import which. The pipeline runs downwards; nothing below reaches up to what uses it.
 */
const ALLOWED: Record<string, readonly string[]> = {
  contracts: [],
  countries: [],
  text: [],
  sources: ['contracts'],
  split: ['contracts'],
  parse: ['contracts', 'countries'],
  store: ['contracts', 'countries'],
  ingest: ['contracts', 'sources', 'split', 'parse', 'store'],
  analysis: ['contracts', 'countries', 'store'],
  network: ['contracts', 'countries', 'store', 'analysis'],
  compat: ['contracts', 'countries', 'store', 'analysis', 'text'],
  report: ['contracts', 'countries', 'store', 'analysis', 'network', 'text'],
  export: ['contracts', 'countries', 'store', 'analysis', 'network', 'text'],
  gen: ['contracts', 'countries', 'parse'],
  cli: ['contracts', 'countries', 'sources', 'store', 'ingest', 'analysis', 'network', 'compat', 'report', 'export', 'text', 'gen'],
  types: [],
};

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const roomOf = (file: string): string => relative(SRC, file).split('/')[0]!;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('every room is named in the rules', () => {
    expect([...new Set(files.map(roomOf))].filter((r) => !(r in ALLOWED))).toEqual([]);
  });

  it('no room imports one the rules do not allow (nothing reaches up)', () => {
    const wrong = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => roomOf(t) !== roomOf(f) && !ALLOWED[roomOf(f)]!.includes(roomOf(t)))
        .map((t) => `${relative(SRC, f)} -> ${relative(SRC, t)}`),
    );
    expect(wrong).toEqual([]);
  });

  it('no import cycle between files', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(SRC))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
