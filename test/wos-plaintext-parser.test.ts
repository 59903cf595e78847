import { describe, expect, it } from 'vitest';
import { LIST_SEP } from '../src/contracts/batch.js';
import { parseWosPlaintext } from '../src/parse/wos-plaintext.js';
import { problemKind, problemMessage } from '../src/contracts/problems.js';
import type { Batch } from '../src/contracts/batch.js';

/** The rejects' kinds and messages, as the writer makes them from codes (contracts/problems.ts). */
const kinds = (b: Batch) => b.rejects.code.map(problemKind);
const reasons = (b: Batch) => b.rejects.code.map((c, i) => problemMessage(c, b.rejects.params[i]!));

const REC = (ut: string, extra = ''): string =>
  [
    'PT J',
    'AU Bruna, EM',
    '   Vasconcelos, HL',
    'AF Bruna, Emilio M.',
    '   Vasconcelos, Heraldo L.',
    'TI Habitat fragmentation and the demographic structure of an Amazonian',
    '   understory herb',
    'DT Article; Early Access',
    'DE habitat fragmentation; Heliconia; matrix',
    '   population structure',
    'C1 [Bruna, Emilio M.] Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL 32611 USA.',
    '   [Vasconcelos, Heraldo L.] Univ Fed Uberlandia, Inst Biol, BR-38400902 Uberlandia, MG, Brazil.',
    'RP Bruna, EM (corresponding author), Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL 32611 USA.',
    'PY 2019',
    extra,
    `UT ${ut}`,
    'ER',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n\n';

describe('WoS plain-text parser', () => {
  it('re-joins wrapped text fields with a space and keeps list fields one item per line', () => {
    const b = parseWosPlaintext('FN Clarivate Analytics Web of Science\nVR 1.0\n' + REC('WOS:000000000000001') + 'EF');
    expect(b.nRead).toBe(1);
    expect(b.records.title[0]).toBe('Habitat fragmentation and the demographic structure of an Amazonian understory herb');
    expect(b.records.keywords[0]!.split(LIST_SEP)).toEqual(['habitat fragmentation', 'Heliconia', 'matrix population structure']);
    expect(b.records.doc_types[0]!.split(LIST_SEP)).toEqual(['Article', 'Early Access']);
    expect(b.addresses.country).toEqual(['US', 'BR', 'US']);
    expect(b.addresses.is_corresponding).toEqual([false, false, true]);
    expect(b.addresses.authors[1]).toBe('Vasconcelos, Heraldo L.');
    expect(b.records.has_author_links[0]).toBe(true);
  });

  it('reads CRLF line ends, a BOM, repeated headers and no newline after EF the same as LF', () => {
    const lf = '\uFEFFFN Web\nVR 1.0\n' + REC('WOS:1') + 'EF\nFN Web\nVR 1.0\n' + REC('WOS:2') + 'EF';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseWosPlaintext(lf);
    const b = parseWosPlaintext(crlf);
    expect(a.nRead).toBe(2);
    expect(b.records).toEqual(a.records);
    expect(b.addresses).toEqual(a.addresses);
    expect(kinds(b)).toEqual([]);
  });

  it('takes the early-access year when PY is missing (EY, or the year in EA)', () => {
    const ey = REC('WOS:1').replace('PY 2019\n', 'EA JULY\nEY 2019\n');
    const ea = REC('WOS:2').replace('PY 2019\n', 'EA JUL 2021\n');
    const b = parseWosPlaintext(ey + ea);
    expect(b.records.year).toEqual([2019, 2021]);
    expect(b.records.early_access_year).toEqual([2019, 2021]);
  });

  it('rejects a record without ER at end of file, keeps the others', () => {
    const text = REC('WOS:1') + REC('WOS:2').replace(/ER\n\n$/, '');
    const b = parseWosPlaintext(text);
    expect(b.nRead).toBe(2);
    expect(b.records.uid).toEqual(['WOS:1']);
    expect(kinds(b)).toEqual(['record']);
    expect(b.rejects.line).toEqual([18]);
    expect(reasons(b)[0]).toMatch(/truncated record/);
  });

  it('rejects a record whose C1 holds a line that is not an address (a lost tag), naming the line', () => {
    const broken = REC('WOS:2').replace('RP Bruna', '   Abraham M., 1909, RC CIRC MAT PALERMO, V28, P1\nRP Bruna');
    const b = parseWosPlaintext(REC('WOS:1') + broken + REC('WOS:3'));
    expect(b.nRead).toBe(3);
    expect(b.records.uid).toEqual(['WOS:1', 'WOS:3']);
    expect(reasons(b)).toEqual(["line 30: C1 line does not end with '.' as every WoS address does; a tag is probably missing above it"]);
    expect(b.rejects.line).toEqual([18]);
  });

  it('rejects a record without UT and a record cut by the next PT', () => {
    const noUt = REC('X').replace('UT X\n', '');
    const cut = REC('WOS:5').replace(/ER\n\n$/, '');
    const b = parseWosPlaintext(noUt + cut + REC('WOS:6'));
    expect(b.nRead).toBe(3);
    expect(b.records.uid).toEqual(['WOS:6']);
    expect(reasons(b)[0]).toMatch(/no UT/);
    expect(reasons(b)[1]).toMatch(/not closed by ER before the next PT at line 32/);
  });

  it('reports stray lines outside records without counting them as records', () => {
    const b = parseWosPlaintext('FN x\nVR 1.0\ngarbage here\n' + REC('WOS:1'));
    expect(b.nRead).toBe(1);
    expect(kinds(b)).toEqual(['line']);
    expect(b.rejects.line).toEqual([3]);
  });

  it('splits several corresponding addresses and shared-name RP entries', () => {
    const rp =
      'RP Shen, L; Ge, JB (corresponding author), Fudan Univ, Shanghai 200032, Peoples R China.; ' +
      'Li, X (corresponding author), Univ Hong Kong, Dept Med, Pokfulam, Hong Kong, Peoples R China.';
    const b = parseWosPlaintext(REC('WOS:1').replace(/RP .*\n/, rp + '\n'));
    const corr = b.addresses.is_corresponding.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
    expect(corr.map((i) => b.addresses.country[i])).toEqual(['CN', 'HK']);
    expect(corr.map((i) => b.addresses.authors[i])).toEqual([`Shen, L${LIST_SEP}Ge, JB`, 'Li, X']);
  });
});
