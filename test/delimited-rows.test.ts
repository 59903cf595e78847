import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../src/gen/write-corpus.js';
import { MAX_CELL_LINES } from '../src/contracts/csv-row.js';
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
  const { rows: fast, errors: fastErrors } = csvRows(text);
  expect(fastErrors).toEqual([]);
  const { rows, errors } = csvRowsByLibrary(text);
  expect(errors).toEqual([]);
  expect(fast.map((r) => r.record)).toEqual(rows.map((r) => r.record));
  let multiline = 0;
  fast.forEach((r, i) => {
    const breaks = r.record.reduce((s, c) => s + (c.match(/\n/g)?.length ?? 0), 0);
    if (breaks > 0) multiline++;
    else if (multiline === 0) expect(r.line).toBe(rows[i]!.line);
    if (i + 1 < fast.length) expect(fast[i + 1]!.line).toBeGreaterThanOrEqual(r.line + breaks + 1);
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
    expect(tabRows(loneCr)).toEqual([
      { record: ['a', 'b\rc'], line: 1 },
      { record: ['d'], line: 2 },
    ]);
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

  it('reads \n and \r\n row ends alike, where csv-parse takes the first one it meets for the file', () => {
    const mixed = 'a,b\r\nc,"d\ne"\nf,g\r\n';
    expect(csvRows(mixed)).toEqual({
      rows: [
        { record: ['a', 'b'], line: 1 },
        { record: ['c', 'd\ne'], line: 2 },
        { record: ['f', 'g'], line: 4 },
      ],
      errors: [],
    });
    expect(csvRowsByLibrary(mixed).rows.map((r) => r.record)).not.toEqual(csvRows(mixed).rows.map((r) => r.record));
  });

  it('rejects a row that is not well formed as its first line and reads on from the next', () => {
    const cases: [text: string, rows: string[][], errors: [line: number, message: string, excerpt: string][]][] = [
      // A quote inside an unquoted cell, text after a closing quote.
      [
        'a,b\nx"y,z\nc,d\n',
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        [[2, 'a quote inside an unquoted cell', 'x"y,z']],
      ],
      [
        'a,b\n"x"y,z\r\nc,d\n',
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        [[2, 'text after a closing quote', '"x"y,z']],
      ],
      // A cell's closing quote lost: the cell runs into the next row and closes on its first quote.
      [
        '"a","b\n"c","d"\n"e","f"\n',
        [
          ['c', 'd'],
          ['e', 'f'],
        ],
        [[1, 'text after a closing quote', '"a","b']],
      ],
      // A multi-line cell with an unescaped quote on its second line: the lines after the first are read as rows.
      [
        '"a","b\nsaid "hi" there"\n"c","d"\n',
        [['c', 'd']],
        [
          [1, 'text after a closing quote', '"a","b'],
          [2, 'a quote inside an unquoted cell', 'said "hi" there"'],
        ],
      ],
      // A quote never closed, at the end of the input.
      [
        'a,b\n"x,y\nc,d',
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        [[2, 'a quoted cell is never closed', '"x,y']],
      ],
      ['a,b\nc,"d', [['a', 'b']], [[2, 'a quoted cell is never closed', 'c,"d']]],
    ];
    for (const [text, rows, errors] of cases) {
      const read = csvRows(text);
      expect(
        read.rows.map((r) => r.record),
        text,
      ).toEqual(rows);
      expect(
        read.errors.map((e) => [e.line, e.message, e.excerpt]),
        text,
      ).toEqual(errors);
    }
    // A quoted cell over MAX_CELL_LINES lines is an unmatched quote: one row lost, not the thousand after it.
    const many = Array.from({ length: MAX_CELL_LINES + 5 }, (_, i) => `r${i},x`).join('\n');
    const read = csvRows('h,"stray\n' + many + '\n');
    expect(read.errors.map((e) => [e.line, e.message])).toEqual([
      [1, `a quoted cell runs over more than ${MAX_CELL_LINES} lines: an unmatched quote`],
    ]);
    expect(read.rows).toHaveLength(MAX_CELL_LINES + 5);
    expect(read.rows[0]).toEqual({ record: ['r0', 'x'], line: 2 });
    // csv-parse, for contrast, loses the row after a text after a closing quote, as a second error.
    const library = csvRowsByLibrary('a,b\n"x"y,z\nc,d\n');
    expect([library.rows.map((r) => r.record), library.errors.map((e) => e.line)]).toEqual([[['a', 'b']], [2, 3]]);
  });
});
