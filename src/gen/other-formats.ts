import { countryName } from '../countries/lookup.js';
import { LIST_SEP, type Batch } from '../contracts/batch.js';
import { UsageError } from '../contracts/usage-error.js';
import { apiJsonRec } from './wos-api-json.js';
import { wosXmlRec } from './wos-xml-rec.js';

/**
 * The generated records in the other formats coauth reads, made from the parsed plain-text
 * records (one batch), so every format carries the same papers: WoS tab-delimited (the 2022+
 * 71-column layout), WoS XML, WoS API JSON (one response page), Scopus CSV and OpenAlex JSON
 * Lines. For the bench and tests.
 */
export type GeneratedFormat = 'wos-plaintext' | 'wos-tabdelim' | 'wos-xml' | 'wos-json' | 'scopus-csv' | 'openalex-jsonl';

const TAB_HEADER =
  'PT AU BA BE GP AF BF CA TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA PG WC WE SC GA PM OA HC HP DA UT'.split(
    ' ',
  );
const SCOPUS_HEADER = [
  'Authors',
  'Author full names',
  'Title',
  'Year',
  'Source title',
  'Cited by',
  'DOI',
  'Affiliations',
  'Authors with affiliations',
  'Abstract',
  'Author Keywords',
  'Index Keywords',
  'Correspondence Address',
  'Document Type',
  'Source',
  'EID',
];

export const FORMAT_HEADERS: Record<GeneratedFormat, string> = {
  'wos-plaintext': '',
  'wos-tabdelim': '\uFEFF' + TAB_HEADER.join('\t') + '\r\n',
  'wos-xml': '<?xml version="1.0" encoding="UTF-8"?>\n<records xmlns="http://clarivate.com/schema/wok5.30/public/FullRecord">\n',
  'wos-json': '{"QueryResult": {"QueryID": 1}, "Data": {"Records": {"records": {"REC": [\n',
  'scopus-csv': '\uFEFF' + SCOPUS_HEADER.map((h) => `"${h}"`).join(',') + '\n',
  'openalex-jsonl': '',
};

export const FORMAT_FOOTERS: Record<GeneratedFormat, string> = {
  'wos-plaintext': '',
  'wos-tabdelim': '',
  'wos-xml': '</records>\n',
  'wos-json': '\n]}}}}\n',
  'scopus-csv': '',
  'openalex-jsonl': '',
};

/** What goes between the texts of two batches (the RECs of a JSON page are comma-separated). */
export const BATCH_SEPARATORS: Record<GeneratedFormat, string> = {
  'wos-plaintext': '',
  'wos-tabdelim': '',
  'wos-xml': '',
  'wos-json': ',\n',
  'scopus-csv': '',
  'openalex-jsonl': '',
};

interface Paper {
  uid: string;
  title: string;
  year: number | null;
  docTypes: string[];
  source: string;
  abstract: string;
  keywords: string[];
  doi: string | null;
  cited: number;
  authors: string[];
  addresses: { text: string; country: string | null; authors: string[] }[];
  reprint: { text: string; author: string } | null;
  earlyAccessYear: number | null;
  language: string | null;
  keywordsPlus: string[];
  categories: string[];
  researchAreas: string[];
}

const list = (s: string | null): string[] => (s ? s.split(LIST_SEP) : []);

/** What a REC cites when its batch has no other paper with a title, a source and an author. */
const FALLBACK_POOL = { titles: ['A study'], sources: ['A journal'], authors: ['Smith, J'] };

function papersOf(batch: Batch): Paper[] {
  const r = batch.records;
  const papers: Paper[] = r.uid.map((uid, i) => ({
    uid,
    title: r.title[i] ?? '',
    year: r.year[i] ?? null,
    docTypes: list(r.doc_types[i] ?? null),
    source: r.source_title[i] ?? '',
    abstract: r.abstract[i] ?? '',
    keywords: list(r.keywords[i] ?? null),
    doi: r.doi[i] ?? null,
    cited: r.times_cited[i] ?? 0,
    authors: [],
    addresses: [],
    reprint: null,
    earlyAccessYear: r.early_access_year[i] ?? null,
    language: r.language[i] ?? null,
    keywordsPlus: list(r.keywords_plus[i] ?? null),
    categories: list(r.categories[i] ?? null),
    researchAreas: list(r.research_areas[i] ?? null),
  }));
  const a = batch.addresses;
  for (let k = 0; k < a.rec.length; k++) {
    const p = papers[a.rec[k]!]!;
    const names = list(a.authors[k] ?? null);
    if (a.is_corresponding[k]) {
      // The corresponding author by the full name the author address gives, when it names them.
      const full = p.addresses.find((x) => x.text === a.raw[k])?.authors[0];
      p.reprint ??= { text: a.raw[k]!, author: full ?? names[0] ?? p.authors[0] ?? '' };
    } else {
      p.addresses.push({ text: a.raw[k]!, country: a.country[k] ?? null, authors: names });
      for (const n of names) if (!p.authors.includes(n)) p.authors.push(n);
    }
  }
  return papers;
}

const csv = (s: string | number | null): string => `"${String(s ?? '').replace(/"/g, '""')}"`;

/** The address as Scopus writes it: the country's full English name last. */
function scopusAddress(text: string, country: string | null): string {
  const segs = text.split(', ');
  return country ? [...segs.slice(0, -1), countryName(country)].join(', ') : text;
}

/** The papers of one parsed plain-text batch, as text in another format. */
export function convertBatch(batch: Batch, format: GeneratedFormat): string {
  const papers = papersOf(batch);
  switch (format) {
    case 'wos-plaintext':
      throw new UsageError('plain text is generated directly');
    case 'wos-tabdelim':
      return papers
        .map((p) => {
          const cells: Record<string, string> = {
            PT: 'J',
            AU: p.authors.join('; '),
            AF: p.authors.join('; '),
            TI: p.title,
            SO: p.source,
            LA: 'English',
            DT: p.docTypes.join('; '),
            DE: p.keywords.join('; '),
            AB: p.abstract,
            C1: p.addresses.map((a) => `${a.authors.length ? `[${a.authors.join('; ')}] ` : ''}${a.text}`).join('; '),
            RP: p.reprint ? `${p.reprint.author} (corresponding author), ${p.reprint.text}.` : '',
            TC: String(p.cited),
            PY: p.year === null ? '' : String(p.year),
            DI: p.doi ?? '',
            UT: p.uid,
          };
          return TAB_HEADER.map((t) => cells[t] ?? '').join('\t') + '\r\n';
        })
        .join('');
    case 'wos-xml':
    case 'wos-json': {
      // Other papers of the batch are what a REC cites.
      const pool = {
        titles: papers.map((p) => p.title).filter(Boolean),
        sources: papers.map((p) => p.source).filter(Boolean),
        authors: papers.flatMap((p) => p.authors.slice(0, 1)),
      };
      const recs = papers.map((p) => wosXmlRec(p, pool.titles.length && pool.sources.length && pool.authors.length ? pool : FALLBACK_POOL));
      // API JSON: the same RECs in the API's JSON, one a line.
      return format === 'wos-xml' ? recs.join('') : recs.map(apiJsonRec).join(',\n');
    }
    case 'scopus-csv':
      return papers
        .map((p) => {
          const affs = [...new Set(p.addresses.map((a) => scopusAddress(a.text, a.country)))];
          const withAffs = p.authors.map((n) =>
            [n, ...p.addresses.filter((a) => a.authors.includes(n)).map((a) => scopusAddress(a.text, a.country))].join(', '),
          );
          const rpCountry = p.addresses.find((a) => a.text === p.reprint?.text)?.country ?? null;
          return (
            [
              p.authors.join('; '),
              p.authors.join('; '),
              p.title,
              p.year,
              p.source,
              p.cited,
              p.doi,
              affs.join('; '),
              withAffs.join('; '),
              p.abstract,
              p.keywords.join('; '),
              '',
              p.reprint ? `${p.reprint.author}; ${scopusAddress(p.reprint.text, rpCountry)}; email: x@example.org` : '',
              p.docTypes[0] ?? 'Article',
              'Scopus',
              `2-s2.0-${p.uid.replace(/\D/g, '')}`,
            ]
              .map(csv)
              .join(',') + '\n'
          );
        })
        .join('');
    case 'openalex-jsonl':
      return papers
        .map(
          (p) =>
            JSON.stringify({
              id: `https://openalex.org/W${p.uid.replace(/\D/g, '')}`,
              doi: p.doi ? `https://doi.org/${p.doi}` : null,
              title: p.title,
              publication_year: p.year,
              type: 'article',
              cited_by_count: p.cited,
              primary_location: { source: { display_name: p.source } },
              keywords: p.keywords.map((k) => ({ display_name: k })),
              authorships: p.authors.map((n, i) => ({
                author_position: i === 0 ? 'first' : 'middle',
                author: { display_name: n },
                institutions: p.addresses
                  .filter((a) => a.authors.includes(n))
                  .map((a) => ({ display_name: a.text.split(', ')[0], country_code: a.country })),
                is_corresponding: p.reprint?.author === n,
              })),
            }) + '\n',
        )
        .join('');
  }
}
