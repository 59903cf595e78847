import { COUNTRY_TEMPLATES, oldStyle, type CountryTemplate } from './address-templates.js';
import { Random } from './random.js';

/**
 * A deterministic generator of realistic WoS plain-text records, calibrated on ../shared/corpora:
 * most papers single-country with a heavy tail, U.S./China-heavy, UK nations, old uppercase
 * unbracketed addresses before 1990 (U.S. ones without "USA"), [names] brackets from 2008,
 * visiting second affiliations abroad, several corresponding addresses, early-access records
 * without PY, wrapped text fields and 20-50 cited references. Used for samples/ and the bench.
 */
export interface GeneratorOptions {
  seed: number;
  firstYear: number;
  lastYear: number;
}

const SURNAMES = [
  'Smith',
  'Wang',
  'Li',
  'Zhang',
  'Garcia',
  'Muller',
  'Kim',
  'Sato',
  'Rossi',
  'Silva',
  'Martin',
  'Chen',
  'Brown',
  'Johnson',
  'Nguyen',
  'Kumar',
  'Lopez',
  'Novak',
  'Cohen',
  'Ivanov',
  'Tanaka',
  'Dubois',
  'Jensen',
  'Okafor',
];
const GIVEN = [
  'James',
  'Wei',
  'Maria',
  'Hiroshi',
  'Anna',
  'Carlos',
  'Min-Jun',
  'Priya',
  'Lars',
  'Fatima',
  'Olga',
  'David',
  'Xiaoming',
  'Giulia',
  'Pierre',
  'Chloe',
  'Ahmed',
  'Sofia',
  'Thomas',
  'Yuki',
];
const INITIALS = new Map(
  GIVEN.map((g) => [
    g,
    g
      .split('-')
      .map((p) => p[0])
      .join(''),
  ]),
);
const DEPTS = [
  'Dept Phys',
  'Dept Comp Sci',
  'Sch Elect Engn',
  'Dept Biol',
  'Dept Chem',
  'Inst Quantum Informat',
  'Dept Ecol & Evolutionary Biol',
  'Sch Med',
  'Dept Math',
  'Ctr Artificial Intelligence',
];
const TOPICS = [
  ['deep learning', 'convolutional neural networks', 'image recognition', 'representation learning'],
  ['quantum computing', 'quantum computer', 'superconducting qubits', 'error correction'],
  ['species distribution', 'tropical forests', 'seed dispersal', 'habitat fragmentation'],
  ['climate change', 'carbon cycle', 'ocean warming', 'fisheries management'],
  ['graphene', 'thin films', 'catalysis', 'lithium batteries'],
];
const WORDS = [
  'analysis',
  'model',
  'evidence',
  'network',
  'dynamics',
  'effects',
  'novel',
  'approach',
  'large-scale',
  'data',
  'performance',
  'structure',
  'response',
  'system',
  'study',
  'framework',
  'robust',
  'efficient',
  'global',
  'regional',
];
const JOURNALS: readonly [string, string, string][] = [
  ['NATURE', 'Multidisciplinary Sciences', 'Science & Technology - Other Topics'],
  ['PHYSICAL REVIEW LETTERS', 'Physics, Multidisciplinary', 'Physics'],
  [
    'IEEE TRANSACTIONS ON PATTERN ANALYSIS AND MACHINE INTELLIGENCE',
    'Computer Science, Artificial Intelligence; Engineering, Electrical & Electronic',
    'Computer Science; Engineering',
  ],
  ['ECOLOGY LETTERS', 'Ecology', 'Environmental Sciences & Ecology'],
  ['JOURNAL OF THE AMERICAN CHEMICAL SOCIETY', 'Chemistry, Multidisciplinary', 'Chemistry'],
  ['BIOTROPICA', 'Ecology', 'Environmental Sciences & Ecology'],
];
const DISTINCT_CODES = new Set(COUNTRY_TEMPLATES.map((c) => c.code)).size;
// Weight tables built once (the generator's speed is a bench target).
const COUNTRY_WEIGHTS = COUNTRY_TEMPLATES.map((c) => [c, c.weight] as const);
const COUNTRY_COUNTS = [
  [1, 74],
  [2, 17],
  [3, 5],
  [4, 2],
  [5, 1],
  [8, 0.6],
  [15, 0.3],
  [30, 0.1],
] as const;
const AUTHOR_COUNTS = [
  [1, 8],
  [2, 15],
  [3, 20],
  [4, 18],
  [5, 12],
  [6, 9],
  [8, 8],
  [12, 5],
  [25, 3],
  [60, 1.5],
  [200, 0.5],
] as const;
const DOC_TYPES = [
  ['Article', 80],
  ['Review', 8],
  ['Article; Proceedings Paper', 5],
  ['Proceedings Paper', 2],
  ['Editorial Material', 3],
  ['Letter', 2],
] as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * Cited references and abstract sentences are drawn from pools made once per thread from seeds
 * of their own (references per citing year, sentences per topic): they are most of a record's
 * bytes, and making each afresh slowed the generator several times (bench: generator row). Shared references are also what
 * real corpora have (much-cited works recur across reference lists).
 */
const POOL_SIZE = 1024;
const referencePools = new Map<number, string[]>();
const sentencePools = new Map<readonly string[], string[]>();
/** A string made of pieces (a rope), copied flat: joining ropes walks their pieces on every join. */
const flat = (s: string): string => Buffer.from(s).toString();

function referencePool(year: number): string[] {
  let pool = referencePools.get(year);
  if (pool === undefined) {
    const r = new Random(year * 7919 + 17);
    pool = [];
    for (let i = 0; i < POOL_SIZE; i++) {
      const ry = year - r.int(0, 30);
      pool.push(
        flat(
          `${r.pick(SURNAMES)} ${r.pick(GIVEN)[0]}, ${ry}, ${r.pick(JOURNALS)[0].slice(0, 20)}, V${r.int(1, 600)}, P${r.int(1, 9999)}${r.chance(0.6) ? `, DOI 10.${r.int(1000, 9999)}/${r.digits(8)}` : ''}`,
        ),
      );
    }
    referencePools.set(year, pool);
  }
  return pool;
}

function sentencePool(topic: readonly string[]): string[] {
  let pool = sentencePools.get(topic);
  if (pool === undefined) {
    const r = new Random((TOPICS as readonly (readonly string[])[]).indexOf(topic) * 104729 + 3);
    pool = [];
    for (let i = 0; i < POOL_SIZE; i++) pool.push(flat(sentence(r, topic, r.int(12, 28))));
    sentencePools.set(topic, pool);
  }
  return pool;
}

function sentence(r: Random, topic: readonly string[], n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.chance(0.15) ? r.pick(topic) : r.pick(WORDS));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1);
}

export const WOS_HEADER = '\uFEFFFN Clarivate Analytics Web of Science\nVR 1.0\n';
export const WOS_FOOTER = 'EF';

/** Wraps a text field as WoS does: lines of at most 72 characters after the 3-character prefix. */
function wrap(tag: string, text: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > 72) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  lines.push(line);
  return `${tag} ${lines.join('\n   ')}\n`;
}

/** wrap() of the few fixed texts (journal, publisher, categories), made once. */
const wrapped = new Map<string, string>();
function wrapFixed(tag: string, text: string): string {
  const key = `${tag} ${text}`;
  let w = wrapped.get(key);
  if (w === undefined) wrapped.set(key, (w = wrap(tag, text)));
  return w;
}

function listLines(tag: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `${tag} ${items.join('\n   ')}\n`;
}

interface Author {
  au: string;
  af: string;
  /** Indexes into the record's address list: the primary first. */
  addresses: number[];
}

export class WosPlaintextGenerator {
  private readonly r: Random;
  private n: number;

  /**
   * `start` begins the corpus elsewhere than at its first record: at record number `first`
   * (UTs are numbered through the corpus), drawing from a random stream of its own (`seed`).
   */
  constructor(
    private readonly options: GeneratorOptions,
    start: { first: number; seed: number } = { first: 0, seed: options.seed },
  ) {
    this.r = new Random(start.seed);
    this.n = start.first;
  }

  private countryCount(): number {
    return this.r.weighted(COUNTRY_COUNTS);
  }

  private year(): number {
    const { firstYear, lastYear } = this.options;
    // Output grows over time: weight years linearly.
    const span = lastYear - firstYear;
    return firstYear + Math.floor(Math.sqrt(this.r.next()) * (span + 1));
  }

  /** One record, from PT to ER and the blank line after it. */
  record(): string {
    const r = this.r;
    this.n++;
    const year = this.year();
    const early = year >= 2018 && r.chance(0.03);
    const bracketed = year >= 2008;
    const old = year < 1990;
    const topic = r.pick(TOPICS);
    const [journal, wc, sc] = r.pick(JOURNALS);

    const nCountries = this.countryCount();
    const countries: CountryTemplate[] = [];
    while (countries.length < Math.min(nCountries, DISTINCT_CODES)) {
      const t = r.weighted(COUNTRY_WEIGHTS);
      if (!countries.some((c) => c.code === t.code)) countries.push(t);
    }
    const addresses: { text: string; code: string }[] = [];
    for (const c of countries) {
      const perCountry = r.chance(0.25) ? 2 : 1;
      for (let k = 0; k < perCountry; k++) addresses.push({ text: c.address(r, '', r.pick(DEPTS)), code: c.code });
    }
    const nAuthors = Math.max(addresses.length, r.weighted(AUTHOR_COUNTS));
    const authors: Author[] = [];
    for (let i = 0; i < nAuthors; i++) {
      const s = r.pick(SURNAMES);
      const g = r.pick(GIVEN);
      const initials = INITIALS.get(g)! + (r.chance(0.4) ? String.fromCharCode(65 + r.int(0, 25)) : '');
      const primary = i < addresses.length ? i : r.int(0, addresses.length - 1);
      const own = [primary];
      // A visiting or honorary second affiliation in another address (often abroad).
      if (addresses.length > 1 && r.chance(0.1)) {
        const other = r.int(0, addresses.length - 1);
        if (other !== primary) own.push(other);
      }
      authors.push({ au: `${s}, ${initials}`, af: `${s}, ${g}`, addresses: own });
    }

    let out = 'PT J\n';
    out += listLines(
      'AU',
      authors.map((a) => (old ? a.au.toUpperCase() : a.au)),
    );
    out += listLines(
      'AF',
      authors.map((a) => (old ? a.au.toUpperCase() : a.af)),
    );
    const title = sentence(r, topic, r.int(6, 18));
    out += wrap('TI', old ? title.toUpperCase() : title);
    out += wrapFixed('SO', journal);
    out += 'LA English\n';
    const dt = r.weighted(DOC_TYPES);
    out += `DT ${early ? `${dt}; Early Access` : dt}\n`;
    if (!old) {
      out += wrap('DE', topic.slice(0, r.int(2, 4)).join('; '));
      out += wrap('ID', `${sentence(r, topic, 2).toUpperCase()}; ${r.pick(WORDS).toUpperCase()}`);
      const sentences = sentencePool(topic);
      let ab = `AB ${r.pick(sentences)}`;
      for (let i = r.int(4, 9); i > 1; i--) ab += `. ${r.pick(sentences)}`;
      out += `${ab}.\n`;
    }
    const c1 = addresses.map((a, i) => {
      const text = old ? oldStyle(a.text, a.code) : a.text;
      if (!bracketed) return `${text}.`;
      const names = authors.filter((au) => au.addresses.includes(i)).map((au) => au.af);
      return names.length > 0 ? `[${names.join('; ')}] ${text}.` : `${text}.`;
    });
    out += listLines('C1', c1);
    const corr = r.chance(0.7) ? authors[0]! : authors[authors.length - 1]!;
    const marker = year >= 2019 ? 'corresponding author' : 'reprint author';
    const rp = [
      `${corr.au} (${marker}), ${old ? oldStyle(addresses[corr.addresses[0]!]!.text, 'XX') : addresses[corr.addresses[0]!]!.text}.`,
    ];
    if (year >= 2016 && authors.length > 1 && r.chance(0.06)) {
      const other = authors[1]!;
      rp.push(`${other.au} (${marker}), ${addresses[other.addresses[0]!]!.text}.`);
    }
    out += `RP ${rp.join('; ')}\n`;
    if (!old)
      out += `EM ${authors
        .slice(0, 2)
        .map((a) => `${a.au.split(',')[0]!.toLowerCase()}@example.org`)
        .join('; ')}\n`;
    const nRefs = r.int(20, 50);
    const pool = referencePool(year);
    const refs: string[] = [];
    for (let i = 0; i < nRefs; i++) refs.push(r.pick(pool));
    out += listLines('CR', refs);
    out += `NR ${nRefs}\n`;
    const tc = Math.floor(Math.pow(r.next(), 3) * 400);
    out += `TC ${tc}\nZ9 ${tc + r.int(0, 5)}\nU1 ${r.int(0, 30)}\nU2 ${r.int(0, 90)}\n`;
    out += wrapFixed('PU', 'NATURE PORTFOLIO');
    out += `PI LONDON\nSN ${r.digits(4)}-${r.digits(4)}\nJ9 ${journal.slice(0, 20)}\n`;
    const month = r.pick(MONTHS);
    if (early) out += `EA ${month} ${year}\n`;
    else out += `PD ${month}\nPY ${year}\nVL ${r.int(1, 600)}\nIS ${r.int(1, 24)}\nBP ${r.int(1, 9000)}\n`;
    out += `DI 10.${r.int(1000, 9999)}/${r.digits(10)}\n`;
    out += wrapFixed('WC', wc);
    out += wrapFixed('SC', sc);
    out += `GA ${r.digits(2)}${String.fromCharCode(65 + r.int(0, 25))}${r.digits(2)}\n`;
    out += `UT WOS:${String(this.options.seed % 1000).padStart(3, '0')}${String(this.n).padStart(12, '0')}\n`;
    out += 'DA 2024-01-15\nER\n\n';
    return out;
  }
}
