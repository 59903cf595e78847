import { Random } from './random.js';

/**
 * A generated paper as a WoS XML REC shaped like the dumps' (../shared/corpora/wos_xml): the same
 * elements around what coauth reads (identifiers, languages, category headings,
 * funding, cited references for about a third of the papers), pretty-printed the way the dumps are,
 * so that a REC weighs about what a real one does (sizes compared in
 * bench/results/2026-12-06-vm-xml-calibrated.json).
 */
export interface XmlPaper {
  uid: string;
  title: string;
  year: number | null;
  earlyAccessYear: number | null;
  docTypes: string[];
  source: string;
  language: string | null;
  abstract: string;
  keywords: string[];
  keywordsPlus: string[];
  categories: string[];
  researchAreas: string[];
  doi: string | null;
  cited: number;
  authors: string[];
  addresses: { text: string; authors: string[] }[];
  reprint: { text: string; author: string } | null;
}

/** Other papers of the batch, to cite: their titles, sources and authors. */
export interface CitationPool {
  titles: readonly string[];
  sources: readonly string[];
  authors: readonly string[];
}

interface El {
  name: string;
  attrs?: [string, string | number][];
  text?: string;
  children?: El[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** As the dumps write it: four spaces a level; two attributes or more each on a line of its own, eight spaces in, then the `>`. */
function write(e: El, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const attrs = e.attrs ?? [];
  const inner = ' '.repeat(indent + 8);
  const open =
    attrs.length >= 2
      ? `${pad}<${e.name}\n${attrs.map(([k, v]) => `${inner}${k}="${esc(String(v))}"`).join('\n')}\n${inner}`
      : `${pad}<${e.name}${attrs.map(([k, v]) => ` ${k}="${esc(String(v))}"`).join('')}`;
  if (e.children?.length) {
    out.push(`${open}>`);
    for (const c of e.children) write(c, indent + 4, out);
    out.push(`${pad}</${e.name}>`);
  } else if (e.text !== undefined) out.push(`${open}>${esc(e.text)}</${e.name}>`);
  else out.push(`${open}${attrs.length >= 2 ? '' : ' '}/>`);
}

const el = (name: string, attrs: [string, string | number][] = [], content?: string | El[]): El =>
  typeof content === 'string' ? { name, attrs, text: content } : { name, attrs, children: content ?? [] };
const counted = (name: string, items: El[]): El => el(name, [['count', items.length]], items);

/** A seed from the id, so that a paper's REC is the same whichever thread writes it. */
function seedOf(uid: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < uid.length; i++) h = Math.imul(h ^ uid.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const SECTIONS = [
  ['Introduction', 'background'],
  ['Methods', 'basis'],
  ['Results', 'support'],
  ['Discussion', 'discuss'],
] as const;
const HEADINGS = ['Science & Technology', 'Social Sciences', 'Arts & Humanities'];
const SUBHEADINGS = ['Life Sciences & Biomedicine', 'Physical Sciences', 'Technology', 'Social Sciences'];
const AGENCIES = [
  'National Natural Science Foundation of China',
  'National Institutes of Health',
  'National Science Foundation',
  'European Research Council',
  'Deutsche Forschungsgemeinschaft',
  'Japan Society for the Promotion of Science',
];

function nameElement(full: string, attrs: [string, string | number][]): El {
  const [last, first = ''] = full.split(', ');
  return el('name', attrs, [
    el('display_name', [], full),
    el('full_name', [], full),
    el('wos_standard', [], full),
    ...(first ? [el('first_name', [], first)] : []),
    el('last_name', [], last ?? full),
  ]);
}

function addressSpec(text: string, no?: number): El {
  const segs = text.split(', ');
  const country = segs.at(-1) ?? '';
  return el('address_spec', no ? [['addr_no', no]] : [], [
    el('full_address', [], text),
    counted('organizations', [el('organization', [], segs[0] ?? ''), el('organization', [['pref', 'Y']], segs[0] ?? '')]),
    ...(segs.length > 3 ? [counted('suborganizations', [el('suborganization', [], segs[1]!)])] : []),
    el('city', [], segs.at(-2) ?? ''),
    el('country', [], country),
  ]);
}

function reference(r: Random, pool: CitationPool, order: number): El {
  const [section, fn] = r.pick(SECTIONS);
  const year = r.int(1970, 2023);
  return el(
    'reference',
    [['occurenceOrder', order]],
    [
      ...(r.chance(0.3)
        ? [
            el(
              'physicalSection',
              [
                ['physicalLocation', r.next().toFixed(9)],
                ['section', section],
                ['function', fn],
              ],
              section,
            ),
          ]
        : []),
      el('uid', [], `WOS:${r.chance(0.8) ? '000' : 'A19'}${r.digits(12)}`),
      el('citedAuthor', [], r.pick(pool.authors)),
      el('year', [], String(year)),
      ...(r.chance(0.8) ? [el('page', [], String(r.int(1, 2000)))] : []),
      el('volume', [], String(r.int(1, 300))),
      el('citedTitle', [], r.pick(pool.titles)),
      el('citedWork', [], r.pick(pool.sources).toUpperCase()),
      ...(r.chance(0.7) ? [el('doi', [], `10.${r.int(1000, 9999)}/${r.digits(4)}.${year}.${r.digits(6)}`)] : []),
    ],
  );
}

/** The REC's text, one element a line, ending with a newline. */
export function wosXmlRec(p: XmlPaper, pool: CitationPool): string {
  const r = new Random(seedOf(p.uid));
  const month = r.int(0, 11);
  const names = p.authors.map((n, i) => {
    const nos = p.addresses
      .map((a, j) => (a.authors.includes(n) ? j + 1 : 0))
      .filter(Boolean)
      .join(' ');
    const attrs: [string, string | number][] = [
      ['seq_no', i + 1],
      ['role', 'author'],
    ];
    if (nos) attrs.push(['addr_no', nos]);
    if (p.reprint?.author === n) attrs.push(['reprint', 'Y']);
    return nameElement(n, attrs);
  });
  const refs = r.chance(0.35) ? Array.from({ length: r.int(2, 12) }, (_, i) => reference(r, pool, i + 1)) : [];
  const pages = [r.int(1, 900)];
  pages.push(pages[0]! + r.int(4, 20));
  const issn = `${r.digits(4)}-${r.digits(4)}`;
  const subjects = [
    ...p.categories.map((c) => el('subject', [['ascatype', 'traditional']], c)),
    ...p.researchAreas.map((c) => el('subject', [['ascatype', 'extended']], c)),
  ];
  const grants = r.chance(0.3) ? Array.from({ length: r.int(1, 3) }, () => r.pick(AGENCIES)) : [];
  const rec = el(
    'REC',
    [['r_id_disclaimer', 'ResearcherID data provided by Clarivate Analytics']],
    [
      el('UID', [], p.uid),
      el(
        'static_data',
        [],
        [
          el(
            'summary',
            [],
            [
              el('EWUID', [], [el('WUID', [['coll_id', 'WOS']]), el('edition', [['value', 'WOS.SCI']])]),
              el(
                'pub_info',
                [
                  ['sortdate', `${p.year ?? 2000}-${String(month + 1).padStart(2, '0')}-01`],
                  ['pubyear', p.year ?? ''],
                  ['has_abstract', p.abstract ? 'Y' : 'N'],
                  ['coverdate', `${MONTHS[month]} ${p.year ?? ''}`],
                  ['pubmonth', MONTHS[month]!],
                  ['vol', r.int(1, 300)],
                  ['issue', r.int(1, 24)],
                  ...(p.earlyAccessYear ? ([['early_access_year', p.earlyAccessYear]] as [string, number][]) : []),
                  ['pubtype', 'Journal'],
                ],
                [
                  el(
                    'page',
                    [
                      ['begin', pages[0]!],
                      ['end', pages[1]!],
                      ['page_count', pages[1]! - pages[0]! + 1],
                    ],
                    `${pages[0]}-${pages[1]}`,
                  ),
                ],
              ),
              counted('titles', [
                el('title', [['type', 'source']], p.source),
                el('title', [['type', 'source_abbrev']], p.source.slice(0, 20).toUpperCase()),
                el('title', [['type', 'abbrev_iso']], p.source.slice(0, 28)),
                el('title', [['type', 'item']], p.title),
              ]),
              counted('names', names),
              counted(
                'doctypes',
                p.docTypes.map((d) => el('doctype', [], d)),
              ),
            ],
          ),
          el(
            'fullrecord_metadata',
            [],
            [
              counted('languages', [el('language', [['type', 'primary']], p.language ?? 'English')]),
              counted('normalized_languages', [el('language', [['type', 'primary']], p.language ?? 'English')]),
              counted(
                'normalized_doctypes',
                p.docTypes.map((d) => el('doctype', [], d)),
              ),
              ...(refs.length ? [counted('references', refs)] : []),
              counted(
                'addresses',
                p.addresses.map((a, j) => el('address_name', [], [addressSpec(a.text, j + 1)])),
              ),
              ...(p.reprint
                ? [
                    counted('reprint_addresses', [
                      el(
                        'address_name',
                        [],
                        [
                          el(
                            'address_spec',
                            [],
                            [el('full_address', [], p.reprint.text), el('country', [], p.reprint.text.split(', ').at(-1) ?? '')],
                          ),
                          counted('names', [
                            el(
                              'name',
                              [
                                ['role', 'author'],
                                ['reprint', 'Y'],
                              ],
                              [el('wos_standard', [], p.reprint.author)],
                            ),
                          ]),
                        ],
                      ),
                    ]),
                  ]
                : []),
              el(
                'category_info',
                [],
                [
                  counted('headings', [el('heading', [], r.pick(HEADINGS))]),
                  counted('subheadings', [el('subheading', [], r.pick(SUBHEADINGS))]),
                  ...(subjects.length ? [counted('subjects', subjects)] : []),
                ],
              ),
              ...(grants.length
                ? [
                    el(
                      'fund_ack',
                      [],
                      [
                        el(
                          'fund_text',
                          [],
                          [el('p', [], `This work was supported by the ${grants.join(' and the ')} (grant ${r.digits(8)}).`)],
                        ),
                        counted(
                          'grants',
                          grants.map((g) =>
                            el('grant', [], [el('grant_agency', [], g), counted('grant_ids', [el('grant_id', [], r.digits(8))])]),
                          ),
                        ),
                      ],
                    ),
                  ]
                : []),
              ...(p.keywords.length
                ? [
                    counted(
                      'keywords',
                      p.keywords.map((k) => el('keyword', [], k)),
                    ),
                  ]
                : []),
              ...(p.abstract ? [counted('abstracts', [el('abstract', [], [el('abstract_text', [], [el('p', [], p.abstract)])])])] : []),
            ],
          ),
          el(
            'item',
            [
              ['coll_id', 'WOS'],
              ['ids', `${r.digits(2)}${String.fromCharCode(65 + r.int(0, 25))}${r.digits(2)}`],
              ['avail', 'Y'],
            ],
            [
              ...(p.keywordsPlus.length
                ? [
                    counted(
                      'keywords_plus',
                      p.keywordsPlus.map((k) => el('keyword', [], k)),
                    ),
                  ]
                : []),
              el('bib_id', [], `${r.int(1, 300)} (${r.int(1, 24)}): ${pages[0]}-${pages[1]} ${MONTHS[month]} ${p.year ?? ''}`),
              el('bib_pagecount', [['type', 'Journal']], String(pages[1]! - pages[0]! + 1)),
            ],
          ),
        ],
      ),
      el(
        'dynamic_data',
        [],
        [
          el(
            'citation_related',
            [],
            [
              el(
                'tc_list',
                [],
                [
                  el('silo_tc', [
                    ['coll_id', 'WOS'],
                    ['local_count', p.cited],
                  ]),
                ],
              ),
            ],
          ),
          el(
            'cluster_related',
            [],
            [
              el(
                'identifiers',
                [],
                [
                  el('identifier', [
                    ['type', 'accession_no'],
                    ['value', r.digits(5)],
                  ]),
                  el('identifier', [
                    ['type', 'issn'],
                    ['value', issn],
                  ]),
                  ...(p.doi
                    ? [
                        el('identifier', [
                          ['type', 'doi'],
                          ['value', p.doi],
                        ]),
                      ]
                    : []),
                ],
              ),
            ],
          ),
        ],
      ),
    ],
  );
  const out: string[] = [];
  write(rec, 4, out);
  return out.join('\n') + '\n';
}
