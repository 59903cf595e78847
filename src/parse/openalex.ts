import { addressCountry } from '../countries/address-country.js';
import { addAddress, addReject, emptyBatch, joinList, type Batch } from '../contracts/batch.js';
import { forEachJsonLine, JsonRecords } from './json-records.js';
import type { ParseOptions } from './wos-plaintext.js';

/**
 * OpenAlex works (../shared/corpora/FORMATS.md, section 5): from a chunk holding a JSON array of
 * works (json-splitter.ts), or from JSON Lines, one work per line (snapshots). Countries come
 * from each authorship's institutions (`country_code`, ISO already) or its `countries`, else from
 * its raw affiliation strings by the address rules; every authorship names its author, so the
 * author-address links are there (P(p)). Corresponding authors (`is_corresponding`) give K(p).
 */
interface Work {
  id?: string;
  doi?: string | null;
  title?: string | null;
  display_name?: string | null;
  publication_year?: number | null;
  type?: string | null;
  language?: string | null;
  cited_by_count?: number | null;
  primary_location?: { source?: { display_name?: string | null } | null } | null;
  topics?: { display_name?: string }[] | null;
  primary_topic?: { field?: { display_name?: string } | null } | null;
  keywords?: { display_name?: string }[] | null;
  abstract_inverted_index?: Record<string, number[]> | null;
  authorships?: Authorship[] | null;
}

interface Authorship {
  author?: { display_name?: string | null } | null;
  raw_author_name?: string | null;
  institutions?: { display_name?: string | null; country_code?: string | null }[] | null;
  countries?: string[] | null;
  is_corresponding?: boolean | null;
  raw_affiliation_strings?: string[] | null;
}

export function parseOpenAlexArray(text: string, options: ParseOptions = {}): Batch {
  const batch = emptyBatch();
  const records = new JsonRecords(text, batch);
  records.values.forEach((w, i) => emitWork(batch, w as Work, 0, options, () => records.byteOf(i)));
  return batch;
}

export function parseOpenAlexLines(text: string, options: ParseOptions = {}): Batch {
  const batch = emptyBatch();
  forEachJsonLine(text, batch, (work, line) => emitWork(batch, work as Work, line, options));
  return batch;
}

/** The abstract, put back together from OpenAlex's inverted index. */
function abstractOf(index: Record<string, number[]> | null | undefined): string | null {
  if (!index) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) for (const p of positions) words[p] = word;
  const s = words.filter((w) => w !== undefined).join(' ');
  return s === '' ? null : s;
}

/** One work; `byte`, for a work of a JSON array, says where it starts in the chunk (lines say nothing there). */
function emitWork(batch: Batch, w: Work, line: number, options: ParseOptions, byte?: () => number): void {
  batch.nRead++;
  const uid = typeof w?.id === 'string' ? w.id.replace(/^https?:\/\/openalex\.org\//, '') : null;
  if (!uid) {
    addReject(batch, 'no-id', line, { detail: 'work has no OpenAlex id' }, JSON.stringify(w).slice(0, 300), byte ? byte() : null);
    return;
  }
  const rc = batch.records;
  const index = rc.uid.length;
  const names = (xs: { display_name?: string }[] | null | undefined) =>
    (xs ?? []).map((x) => x.display_name).filter((x): x is string => !!x);
  rc.line.push(line);
  rc.source.push('openalex');
  rc.uid.push(uid);
  rc.doi.push(w.doi ? w.doi.replace(/^https?:\/\/(dx\.)?doi\.org\//, '') : null);
  rc.title.push(w.title ?? w.display_name ?? null);
  rc.year.push(typeof w.publication_year === 'number' ? w.publication_year : null);
  rc.early_access_year.push(null);
  rc.doc_types.push(joinList(w.type ? [w.type] : null));
  rc.pub_type.push(null);
  rc.source_title.push(w.primary_location?.source?.display_name ?? null);
  rc.language.push(w.language ?? null);
  rc.categories.push(joinList(names(w.topics)));
  rc.research_areas.push(joinList(w.primary_topic?.field?.display_name ? [w.primary_topic.field.display_name] : null));
  rc.keywords.push(joinList(names(w.keywords)));
  rc.keywords_plus.push(null);
  rc.abstract.push(abstractOf(w.abstract_inverted_index));
  rc.times_cited.push(typeof w.cited_by_count === 'number' ? w.cited_by_count : null);
  rc.c1_raw.push(null);
  rc.rp_raw.push(null);
  const authorships = w.authorships ?? [];
  rc.has_author_links.push(authorships.length > 0);
  let pos = 0;
  const countries = options.countries ?? true;
  for (const corresponding of [false, true]) {
    for (const a of authorships) {
      if (corresponding && !a.is_corresponding) continue;
      const author = a.author?.display_name ?? a.raw_author_name ?? null;
      const places = placesOf(a, countries);
      // The corresponding address is the corresponding author's first one.
      for (const p of corresponding ? places.slice(0, 1) : places) {
        addAddress(batch, { rec: index, pos: ++pos, ...p, city: null, authors: author ? [author] : null, isCorresponding: corresponding });
      }
    }
  }
}

interface Place {
  raw: string;
  organization: string | null;
  country: string | null;
  tail: string;
}

function placesOf(a: Authorship, countries: boolean): Place[] {
  const out: Place[] = [];
  const seen = new Set<string>();
  for (const inst of a.institutions ?? []) {
    const code = inst.country_code ? inst.country_code.toUpperCase() : null;
    if (code) seen.add(code);
    out.push({ raw: inst.display_name ?? code ?? '', organization: inst.display_name ?? null, country: code, tail: code ?? '' });
  }
  // Countries OpenAlex gives without an institution.
  for (const code of a.countries ?? []) {
    if (!seen.has(code.toUpperCase())) out.push({ raw: code, organization: null, country: code.toUpperCase(), tail: code.toUpperCase() });
  }
  if (out.length === 0) {
    for (const raw of a.raw_affiliation_strings ?? []) {
      if (raw.trim() === '') continue;
      const { code, tail } = countries ? addressCountry(raw) : { code: null, tail: '' };
      out.push({ raw, organization: raw.split(',')[0]!.trim() || null, country: code, tail });
    }
  }
  return out;
}
