import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../src/gen/write-corpus.js';
import { csvRows, csvRowsByLibrary, tabRows, tabRowsByLibrary } from '../src/parse/delimited-rows.js';
import { CORPORA, corpusFiles, tempDir } from './helpers.js';

/** A file's text as the ingest hands it on: UTF-16 "Win" exports decoded, BOM dropped. */
function textOf(path: string): string {
  const buf = readFileSync(path);
  const text = buf[0] === 0xff && buf[1] === 0xfe ? buf.toString('utf16le') : buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 400 generated records in a format, as text. */
async function generatedText(format: 'wos-tabdelim' | 'scopus-csv'): Promise<string> {
  const path = join(tempDir(), 'generated');
  await writeCorpus(path, format, { seed: 3, firstYear: 2000, lastYear: 2024 }, { records: 400 }, 0);
  const text = textOf(path);
  rmSync(path);
  return text;
}

/**
 * CSV rows against csv-parse: the same cells; the same lines up to the first row with a line
 * break in a cell. From there csv-parse's lines drift (it counts the \r and the \n of a break
 * apart, and reports a multi-line row past its start), so the hand reader's line must be where
 * each row starts: at least the previous row's line plus that row's lines.
 */
function expectSameCsv(text: string): number {
  const fast = csvRows(text);
  expect(fast).not.toBeNull();
  const { rows, errors } = csvRowsByLibrary(text);
  expect(errors).toEqual([]);
  expect(fast!.map((r) => r.record)).toEqual(rows.map((r) => r.record));
  let multiline = 0;
  fast!.forEach((r, i) => {
    const breaks = r.record.reduce((s, c) => s + (c.match(/\n/g)?.length ?? 0), 0);
    if (breaks > 0) multiline++;
    else if (multiline === 0) expect(r.line).toBe(rows[i]!.line);
    if (i + 1 < fast!.length) expect(fast![i + 1]!.line).toBeGreaterThanOrEqual(r.line + breaks + 1);
  });
  return multiline;
}

describe('tab-delimited rows read by hand, csv-parse the reference', () => {
  it('gives csv-parse rows and lines on every real tab-delimited file', () => {
    let rows = 0;
    for (const file of corpusFiles(join(CORPORA, 'wos_tabdelim'))) {
      const text = textOf(file);
      const fast = tabRows(text);
      expect(fast).toEqual(tabRowsByLibrary(text));
      rows += fast.length;
    }
    expect(rows).toBe(989);
  });

  it('gives csv-parse rows on generated data and on mixed line ends, empty lines, a last line without its end', async () => {
    const generated = await generatedText('wos-tabdelim');
    expect(tabRows(generated)).toHaveLength(401);
    for (const text of [generated, 'PT\tAU\t\r\nJ\tA\t\n\n\r\nB\tx\t\n"q\tz', '\n\na\tb', 'a\r', '']) {
      expect(tabRows(text), JSON.stringify(text.slice(0, 40))).toEqual(tabRowsByLibrary(text));
    }
    // A lone \r stays in its cell; csv-parse counts it as a line, the file's lines (\n) do not.
    const loneCr = 'a\tb\rc\nd\n';
    expect(tabRows(loneCr)).toEqual([{ record: ['a', 'b\rc'], line: 1 }, { record: ['d'], line: 2 }]);
    expect(tabRowsByLibrary(loneCr).map((r) => r.record)).toEqual([['a', 'b\rc'], ['d']]);
  });
});

describe('CSV rows read by hand, csv-parse the reference', () => {
  it('gives csv-parse cells on every real Scopus file, and the line where each row starts', () => {
    let multiline = 0;
    for (const file of corpusFiles(join(CORPORA, 'scopus_csv'))) multiline += expectSameCsv(textOf(file));
    // Scopus writes line breaks inside abstracts and references: the line rule is exercised.
    expect(multiline).toBeGreaterThan(0);
  });

  it('gives csv-parse cells on generated data and on quoting edge cases', async () => {
    const generated = await generatedText('scopus-csv');
    expectSameCsv(generated);
    for (const text of ['a,b\r\n"x\r\ny",2\r\n\r\nc,d\r\n', 'a,,\n"",""""\n"a,b","c""d"\n,\nlast', 'x\n\n\ny']) expectSameCsv(text);
  });

  it('leaves to csv-parse what it would judge', () => {
    for (const text of ['a,b\r\nc,d\ne,f', 'a,b"c\n', '"a"b,c\n', '"a,b\n', 'a,b\rc']) expect(csvRows(text), text).toBeNull();
    // And csv-parse turns the broken rows into errors, kept as rejects (it does not find its
    // footing again after a stray quote: the rest of the chunk is one error).
    const broken = csvRowsByLibrary('a,b\n"x"y,z\nc,d\n');
    expect(broken.rows).toEqual([{ record: ['a', 'b'], line: 1 }]);
    expect(broken.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
