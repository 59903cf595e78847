import { addressCountry } from '../countries/address-country.js';
import { addressParts } from '../countries/address-parts.js';
import { csvRows } from './delimited-rows.js';
import { addAddress, addReject, countLines, emptyBatch, joinList, type Batch } from '../contracts/batch.js';
import type { TabOptions } from './wos-tabdelim.js';

/**
 * Parser for Scopus CSV exports (../shared/corpora/FORMATS.md, section 4), old (45 columns) and
 * 2023+ (46) layouts alike, columns found by name. RFC 4180 quoting, cells may hold line breaks.
 * Addresses: the "Affiliations" column (distinct affiliations, `; `-joined; HTML numeric entities
 * decoded first, since their `;` would split them), each author linked to the affiliations that
 * their "Authors with affiliations" item names; the corresponding address from "Correspondence
 * Address" (`name; address; email: ...`). Rows are read by hand (delimited-rows.ts); one that is
 * not well-formed CSV is rejected as its first line, and the rows after it load.
 */
export function parseScopusCsv(text: string, options: TabOptions): Batch {
  const batch = emptyBatch();
  const col = new Map(options.header.map((h, i) => [h, i]));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { rows, errors } = csvRows(body);
  // The header is the chunk's first row, read or not.
  if (options.startsWithHeader) {
    if (errors.length > 0 && (rows.length === 0 || errors[0]!.line < rows[0]!.line)) errors.shift();
    else rows.shift();
  }
  for (const e of errors) {
    batch.nRead++;
    addReject(batch, 'csv-row', e.line, { detail: e.message }, e.excerpt);
  }
  for (const { record, line } of rows) {
    batch.nRead++;
    // Old exports write "Funding Text 2", "Funding Text 3" cells under a header that only has
    // "Funding Text 1": drop the extra funding texts so the following columns line up.
    const funding = col.get('Funding Text 1');
    if (record.length > options.header.length && funding !== undefined) record.splice(funding + 1, record.length - options.header.length);
    if (record.length !== options.header.length) {
      addReject(batch, 'cells', line, { cells: record.length, expected: options.header.length }, record.join(',').slice(0, 300));
      continue;
    }
    const get = (name: string): string | null => {
      const j = col.get(name);
      const v = j === undefined ? '' : record[j]!.trim();
      return v === '' ? null : v;
    };
    const uid = get('EID');
    if (uid === null) {
      addReject(
        batch,
        'no-id',
        line,
        { detail: 'row has no EID, so it cannot be identified or deduplicated' },
        record.join(',').slice(0, 300),
      );
      continue;
    }
    emitScopusRecord(batch, get, line, options.countries ?? true);
  }
  batch.nLines = countLines(text);
  return batch;
}

/** `&#x00F6;`, `&#246;`, `&amp;` as characters. */
function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

const items = (s: string | null, sep = /;\s*/): string[] =>
  s === null
    ? []
    : s
        .split(sep)
        .map((x) => x.trim())
        .filter((x) => x !== '');

function emitScopusRecord(batch: Batch, get: (name: string) => string | null, line: number, countries: boolean): void {
  const rc = batch.records;
  const index = rc.uid.length;
  const year = Number.parseInt(get('Year') ?? '', 10);
  const cited = Number.parseInt(get('Cited by') ?? '', 10);
  rc.line.push(line);
  rc.source.push('scopus');
  rc.uid.push(get('EID')!);
  rc.doi.push(get('DOI'));
  rc.title.push(get('Title'));
  rc.year.push(Number.isFinite(year) ? year : null);
  rc.early_access_year.push(null);
  rc.doc_types.push(joinList(items(get('Document Type'))));
  rc.pub_type.push(null);
  rc.source_title.push(get('Source title'));
  rc.language.push(get('Language of Original Document'));
  rc.categories.push(null);
  rc.research_areas.push(null);
  rc.keywords.push(joinList(items(get('Author Keywords'))));
  rc.keywords_plus.push(joinList(items(get('Index Keywords'))));
  rc.abstract.push(get('Abstract'));
  rc.times_cited.push(Number.isFinite(cited) ? cited : null);
  const affiliationsRaw = get('Affiliations');
  const correspondence = get('Correspondence Address');
  rc.c1_raw.push(affiliationsRaw);
  rc.rp_raw.push(correspondence);

  const affiliations = items(affiliationsRaw === null ? null : decodeEntities(affiliationsRaw));
  const linked = get('Authors with affiliations');
  const authorItems = items(linked === null ? null : decodeEntities(linked));
  const authorsCell = get('Authors') ?? '';
  const names = items(authorsCell, authorsCell.includes(';') ? /;\s*/ : /,\s*/);
  // Each author is linked to the affiliations their item names, first listed first.
  const authorsOf = affiliations.map(() => [] as string[]);
  authorItems.forEach((item, k) => {
    const name = names.length === authorItems.length ? names[k]! : item.split(',')[0]!.trim();
    const found = affiliations
      .map((a, j) => [item.indexOf(a), j] as const)
      .filter(([at]) => at >= 0)
      .sort((x, y) => x[0] - y[0]);
    for (const [, j] of found) authorsOf[j]!.push(name);
  });
  rc.has_author_links.push(authorItems.length > 0 && affiliations.length > 0 && authorsOf.every((a) => a.length > 0));
  let pos = 0;
  affiliations.forEach((a, j) => pushAddress(batch, index, ++pos, a, authorsOf[j]!, false, countries));
  const corr = correspondenceAddress(correspondence);
  if (corr) pushAddress(batch, index, ++pos, corr.address, corr.name ? [corr.name] : [], true, countries);
}

/** `Schulten, K.; Beckman Institute, , Urbana, IL 61801, United States; email: ...`: the name and the address. */
function correspondenceAddress(cell: string | null): { name: string | null; address: string } | null {
  // E-mail addresses stand in their own part, or glued to a name or an address ("C.email: ...", "(e-mail: ...)").
  const parts = items(cell === null ? null : decodeEntities(cell))
    .map((p) => p.replace(/\s*\(?\s*e-?mail:.*$/i, '').trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  if (parts.length === 1) return /^[^,]+, [A-Z][A-Z.\- ]*$/.test(parts[0]!) ? null : { name: null, address: parts[0]! };
  return { name: parts[0]!, address: parts.slice(1).join(', ') };
}

function pushAddress(
  batch: Batch,
  rec: number,
  pos: number,
  address: string,
  authors: string[],
  isCorresponding: boolean,
  countries: boolean,
): void {
  const clean = address.replace(/\s*\(?\s*e-?mail:.*$/i, '').replace(/,\s*,/g, ',');
  const { code, tail } = countries ? addressCountry(clean) : { code: null, tail: '' };
  const { organization, city } = addressParts(clean, code);
  addAddress(batch, { rec, pos, raw: address, organization, city, country: code, tail, authors, isCorresponding });
}
