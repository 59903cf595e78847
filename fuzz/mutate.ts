import { gzipSync } from 'node:zlib';
import { Random } from '../src/gen/random.js';

/**
 * Ways a file gets damaged or abused, applied to real exports: each takes the file's bytes and
 * a seeded random source and gives the mutant's bytes. Names appear in the fuzzer's report and
 * in saved cases.
 */
export type Mutation = (bytes: Buffer, random: Random) => Buffer;

const lines = (b: Buffer): string[] => b.toString('latin1').split('\n');
const join = (ls: string[]): Buffer => Buffer.from(ls.join('\n'), 'latin1');
const at = (b: Buffer, random: Random): number => random.int(0, Math.max(0, b.length - 1));

export const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (b, r) => {
    const out = Buffer.from(b);
    for (let k = r.int(1, 20); k > 0; k--) out[at(out, r)] = r.int(0, 255);
    return out;
  },
  cut: (b, r) => b.subarray(0, at(b, r)),
  'cut head': (b, r) => b.subarray(at(b, r)),
  'repeated lines': (b, r) => {
    const ls = lines(b);
    for (let k = r.int(1, 10); k > 0; k--) {
      const i = r.int(0, ls.length - 1);
      ls.splice(i, 0, ...ls.slice(i, i + r.int(1, 30)));
    }
    return join(ls);
  },
  'dropped lines': (b, r) => {
    const ls = lines(b);
    for (let k = r.int(1, 10); k > 0; k--) ls.splice(r.int(0, ls.length - 1), r.int(1, 20));
    return join(ls);
  },
  'huge line': (b, r) => {
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.alloc(r.int(1, 3) << 20, r.pick(['a', ' ', '"', '<', '{'])), b.subarray(i)]);
  },
  'huge value': (b, r) => {
    // Inside a string or a field: after a quote, a tag or a comma.
    const text = b.toString('latin1');
    const marks = [...text.matchAll(/"|>|, |\n[A-Z][A-Z0-9] /g)].map((m) => m.index + m[0].length);
    const i = marks.length > 0 ? r.pick(marks) : at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.alloc(r.int(1, 3) << 20, 'x'), b.subarray(i)]);
  },
  'utf-16': (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  'latin-1': (b) => Buffer.from(b.toString('utf8'), 'latin1'),
  'windows-1252 bytes': (b, r) => {
    const out = Buffer.from(b);
    for (let k = r.int(1, 30); k > 0; k--) out[at(out, r)] = r.pick([0x92, 0xe9, 0xfc, 0x96, 0xa0]);
    return out;
  },
  'deep nesting': (b, r) => {
    const depth = r.int(1000, 200_000);
    const [open, close] = r.pick([
      ['[', ']'],
      ['{"a":', '}'],
      ['<a>', '</a>'],
    ] as const);
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.from(open.repeat(depth) + close.repeat(r.next() < 0.5 ? depth : 0)), b.subarray(i)]);
  },
  'stray quotes and brackets': (b, r) => {
    let out = b;
    for (let k = r.int(1, 10); k > 0; k--) {
      const i = at(out, r);
      out = Buffer.concat([
        out.subarray(0, i),
        Buffer.from(r.pick(['"', "'", '[', ']', '{', '}', '<', '>', '""', '\\', ','])),
        out.subarray(i),
      ]);
    }
    return out;
  },
  'xml entities': (b, r) => {
    const bomb =
      '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>';
    const text = b.toString('latin1');
    const i = text.indexOf('<REC');
    const withDoctype = i >= 0 ? text.slice(0, i) + bomb + text.slice(i) : bomb + text;
    return Buffer.from(withDoctype.replace(/<title([^>]*)>/, `<title$1>&d;&unknown;&#0;&#xFFFFFF;`.repeat(r.int(1, 3))), 'latin1');
  },
  'nul bytes': (b, r) => {
    const out = Buffer.from(b);
    for (let k = r.int(1, 20); k > 0; k--) out[at(out, r)] = 0;
    return out;
  },
  'line ends': (b, r) =>
    Buffer.from(
      b.toString('latin1').replace(/\r?\n/g, () => r.pick(['\r\n', '\n', '\r', '\n\n'])),
      'latin1',
    ),
  gzip: (b) => gzipSync(b),
  'gzip cut': (b, r) => {
    const z = gzipSync(b);
    return z.subarray(0, r.int(2, Math.max(2, z.length - 1)));
  },
  empty: () => Buffer.alloc(0),
};
