import type { Random } from './random.js';

/**
 * How WoS writes addresses of each country, for the generator: organisations, cities and the
 * country tail, with weights calibrated on ../shared/corpora (U.S. and China lead; UK written as
 * its nations; Hong Kong under "Peoples R China"). `old` is the pre-1990 uppercase style.
 */
export interface CountryTemplate {
  code: string;
  weight: number;
  address(r: Random, org: string, dept: string): string;
}

const US_CITIES: readonly [string, string, string][] = [
  ['Gainesville', 'FL', '326'],
  ['Ann Arbor', 'MI', '481'],
  ['Berkeley', 'CA', '947'],
  ['Stanford', 'CA', '943'],
  ['Cambridge', 'MA', '021'],
  ['New York', 'NY', '100'],
  ['Seattle', 'WA', '981'],
  ['Atlanta', 'GA', '303'],
  ['Austin', 'TX', '787'],
  ['Madison', 'WI', '537'],
  ['Chicago', 'IL', '606'],
  ['Pittsburgh', 'PA', '152'],
];
const US_ORGS = [
  'Univ Florida',
  'Univ Michigan',
  'Univ Calif Berkeley',
  'Stanford Univ',
  'Harvard Univ',
  'Columbia Univ',
  'Univ Washington',
  'Georgia Inst Technol',
  'Univ Texas Austin',
  'Univ Wisconsin',
  'Northwestern Univ',
  'Carnegie Mellon Univ',
];

function simple(
  code: string,
  weight: number,
  country: string,
  places: readonly [string, string][],
  postal?: (r: Random) => string,
): CountryTemplate {
  return {
    code,
    weight,
    address: (r, _org, dept) => {
      const [org, city] = r.pick(places);
      const cityPart = postal ? `${postal(r)} ${city}` : city;
      return `${org}, ${dept}, ${cityPart}, ${country}`;
    },
  };
}

export const COUNTRY_TEMPLATES: readonly CountryTemplate[] = [
  {
    code: 'US',
    weight: 26,
    address: (r, _org, dept) => {
      const i = r.int(0, US_CITIES.length - 1);
      const [city, st, zip3] = US_CITIES[i]!;
      const zip = r.chance(0.8) ? ` ${zip3}${r.digits(2)}` : '';
      return `${US_ORGS[i]}, ${dept}, ${city}, ${st}${zip} USA`;
    },
  },
  {
    code: 'CN',
    weight: 18,
    address: (r, _org, dept) => {
      const [org, city, prov] = r.pick([
        ['Tsinghua Univ', 'Beijing', ''],
        ['Peking Univ', 'Beijing', ''],
        ['Zhejiang Univ', 'Hangzhou', 'Zhejiang, '],
        ['Fudan Univ', 'Shanghai', ''],
        ['Sun Yat Sen Univ', 'Guangzhou', 'Guangdong, '],
        ['Chinese Acad Sci', 'Beijing', ''],
      ] as const);
      return `${org}, ${dept}, ${city} ${r.digits(6)}, ${prov}Peoples R China`;
    },
  },
  simple('GB', 7, 'England', [
    ['Univ Oxford', 'Oxford'],
    ['Univ Cambridge', 'Cambridge'],
    ['UCL', 'London'],
    ['Imperial Coll London', 'London'],
  ]),
  simple('GB', 2, 'Scotland', [
    ['Univ Edinburgh', 'Edinburgh'],
    ['Univ Glasgow', 'Glasgow'],
    ['Univ St Andrews', 'St Andrews'],
  ]),
  simple('GB', 0.6, 'Wales', [
    ['Cardiff Univ', 'Cardiff'],
    ['Swansea Univ', 'Swansea'],
  ]),
  simple('GB', 0.3, 'North Ireland', [['Queens Univ Belfast', 'Belfast']]),
  simple(
    'DE',
    6,
    'Germany',
    [
      ['Max Planck Inst Biochem', 'Martinsried'],
      ['Tech Univ Munich', 'Munich'],
      ['Univ Freiburg', 'Freiburg'],
    ],
    (r) => `D-${r.digits(5)}`,
  ),
  simple(
    'JP',
    5,
    'Japan',
    [
      ['Univ Tokyo', 'Tokyo'],
      ['Kyoto Univ', 'Kyoto'],
      ['Osaka Univ', 'Suita'],
    ],
    (r) => r.digits(7),
  ),
  simple(
    'FR',
    4,
    'France',
    [
      ['CNRS', 'Paris'],
      ['Univ Paris Saclay', 'Orsay'],
      ['Univ Montpellier', 'Montpellier'],
    ],
    (r) => `F-${r.digits(5)}`,
  ),
  simple('CA', 4, 'Canada', [
    ['Univ Toronto', 'Toronto, ON'],
    ['McGill Univ', 'Montreal, PQ'],
    ['Univ British Columbia', 'Vancouver, BC'],
  ]),
  simple(
    'IT',
    3.5,
    'Italy',
    [
      ['Univ Bologna', 'Bologna'],
      ['Sapienza Univ Rome', 'Rome'],
      ['Univ Milan', 'Milan'],
    ],
    (r) => `I-${r.digits(5)}`,
  ),
  simple('AU', 3.5, 'Australia', [
    ['Univ Queensland', 'Brisbane, Qld'],
    ['Univ Sydney', 'Sydney, NSW'],
    ['Univ Melbourne', 'Melbourne, Vic'],
  ]),
  simple(
    'ES',
    3,
    'Spain',
    [
      ['Univ Barcelona', 'Barcelona'],
      ['CSIC', 'Madrid'],
    ],
    (r) => `E-${r.digits(5)}`,
  ),
  simple(
    'KR',
    3,
    'South Korea',
    [
      ['Seoul Natl Univ', 'Seoul'],
      ['Korea Adv Inst Sci & Technol', 'Daejeon'],
    ],
    (r) => r.digits(5),
  ),
  simple(
    'IN',
    3,
    'India',
    [
      ['Indian Inst Sci', 'Bangalore'],
      ['Indian Inst Technol', 'New Delhi'],
    ],
    (r) => r.digits(6),
  ),
  simple('BR', 2.5, 'Brazil', [
    ['Univ Sao Paulo', 'Sao Paulo, SP'],
    ['Univ Fed Rio de Janeiro', 'Rio De Janeiro, RJ'],
  ]),
  simple('NL', 2, 'Netherlands', [
    ['Univ Amsterdam', 'Amsterdam'],
    ['Wageningen Univ', 'Wageningen'],
  ]),
  simple(
    'CH',
    1.5,
    'Switzerland',
    [
      ['Swiss Fed Inst Technol', 'Zurich'],
      ['Univ Geneva', 'Geneva'],
    ],
    (r) => `CH-${r.digits(4)}`,
  ),
  simple(
    'SE',
    1.5,
    'Sweden',
    [
      ['Karolinska Inst', 'Stockholm'],
      ['Lund Univ', 'Lund'],
    ],
    (r) => `SE-${r.digits(5)}`,
  ),
  simple(
    'TW',
    1.5,
    'Taiwan',
    [
      ['Natl Taiwan Univ', 'Taipei'],
      ['Natl Tsing Hua Univ', 'Hsinchu'],
    ],
    (r) => r.digits(5),
  ),
  simple('HK', 1, 'Hong Kong, Peoples R China', [
    ['Univ Hong Kong', 'Pokfulam'],
    ['Chinese Univ Hong Kong', 'Shatin'],
  ]),
  simple('MO', 0.2, 'Macau, Peoples R China', [['Univ Macau', 'Taipa']]),
  simple('SG', 1, 'Singapore', [['Natl Univ Singapore', 'Singapore']], (r) => r.digits(6)),
  simple('ZA', 1, 'South Africa', [
    ['Univ Cape Town', 'Cape Town'],
    ['Univ Witwatersrand', 'Johannesburg'],
  ]),
  simple('IL', 1, 'Israel', [
    ['Weizmann Inst Sci', 'Rehovot'],
    ['Hebrew Univ Jerusalem', 'Jerusalem'],
  ]),
  simple('TR', 1, 'Turkiye', [
    ['Middle East Tech Univ', 'Ankara'],
    ['Bogazici Univ', 'Istanbul'],
  ]),
  simple('RU', 1, 'Russia', [
    ['Russian Acad Sci', 'Moscow'],
    ['Novosibirsk State Univ', 'Novosibirsk'],
  ]),
  simple('MX', 0.8, 'Mexico', [['Univ Nacl Autonoma Mexico', 'Mexico City']]),
  simple('AE', 0.4, 'U Arab Emirates', [['Khalifa Univ', 'Abu Dhabi']]),
  simple('GE', 0.2, 'Georgia', [['Tbilisi State Univ', 'Tbilisi']]),
  simple('KE', 0.4, 'Kenya', [['Univ Nairobi', 'Nairobi']]),
  simple('BA', 0.1, 'Bosnia & Herceg', [['Univ Sarajevo', 'Sarajevo']]),
];

/** The pre-1990 uppercase style: no space after commas, and no country for U.S. addresses. */
export function oldStyle(address: string, code: string): string {
  let s = address.toUpperCase().replace(/, /g, ',');
  if (code === 'US') s = s.replace(/ USA$/, '');
  return s;
}
