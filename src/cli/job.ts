import { DEFAULT_CUBE_CONFIG, parsePeriod, parseTopic, type CubeConfig } from '../analysis/cube/config.js';
import { UsageError } from '../contracts/usage-error.js';

/**
 * The nightly job's file (`coauth run job.json`), checked whole before anything runs: an unknown
 * key or a wrong value is refused with its key and the file's path. Values take the forms of the
 * command-line flags ("2015-2019", "US,AU") or arrays. job.schema.json at the package root says
 * the same for editors; README.md, "Running nightly", has the table.
 */
export interface Job {
  inputs: string[];
  cube: Partial<CubeConfig>;
  report?: JobReport;
  workers?: number;
  prefer?: string;
  keep: 'latest' | 'first';
  maxRejectRate: number;
  maxRecordMb: number;
  commitMb: number;
  /** JSON Lines appended by each run: files, steps, errors, a summary. */
  log?: string;
}

export interface JobReport {
  years?: string[];
  fields?: string[];
  focus: string;
  partners: string[];
  top: number;
  minPapers?: number;
  minFieldPapers: number;
  minBarPapers?: number;
  breakYear?: number;
  allowEmpty: boolean;
  out: string;
}

const TOP_KEYS = ['$schema', 'inputs', 'cube', 'report', 'workers', 'prefer', 'keep', 'maxRejectRate', 'maxRecordMb', 'commitMb', 'log'];
const REPORT_KEYS = [
  'years',
  'fields',
  'focus',
  'partners',
  'top',
  'minPapers',
  'minFieldPapers',
  'minBarPapers',
  'break',
  'allowEmpty',
  'out',
];
const CUBE_KEYS = Object.keys(DEFAULT_CUBE_CONFIG);

export function checkJob(raw: unknown, path: string): Job {
  const fail = (key: string, what: string): never => {
    throw new UsageError(`${path}: "${key}" ${what}`);
  };
  if (!isObject(raw)) throw new UsageError(`${path}: a job is a JSON object (keys: ${TOP_KEYS.slice(1).join(', ')})`);
  unknownKeys(raw, TOP_KEYS, '', fail);
  const inputs = list(raw.inputs, 'inputs', fail);
  if (inputs.length === 0) fail('inputs', 'must name files or folders');
  const cube = raw.cube ?? {};
  if (!isObject(cube)) return fail('cube', 'must be an object with the keys of coauth analyze --cube');
  unknownKeys(cube, CUBE_KEYS, 'cube.', fail);
  const keep = raw.keep ?? 'latest';
  if (keep !== 'latest' && keep !== 'first') fail('keep', `must be "latest" or "first", got ${JSON.stringify(keep)}`);
  return {
    inputs,
    cube: cubeOf(cube, fail),
    report: raw.report === undefined ? undefined : checkReport(raw.report, fail),
    workers: optionalNumber(raw.workers, 'workers', fail, 1),
    prefer: raw.prefer === undefined ? undefined : list(raw.prefer, 'prefer', fail).join(','),
    keep: keep as 'latest' | 'first',
    maxRejectRate: optionalNumber(raw.maxRejectRate, 'maxRejectRate', fail, 0) ?? 0.01,
    maxRecordMb: optionalNumber(raw.maxRecordMb, 'maxRecordMb', fail, 0) ?? 16,
    commitMb: optionalNumber(raw.commitMb, 'commitMb', fail, 0) ?? 256,
    log: raw.log === undefined ? undefined : typeof raw.log === 'string' ? raw.log : fail('log', 'must be a file path'),
  };
}

function checkReport(raw: unknown, fail: (key: string, what: string) => never): JobReport {
  if (!isObject(raw)) return fail('report', 'must be an object');
  unknownKeys(raw, REPORT_KEYS, 'report.', fail);
  const years = raw.years === undefined ? undefined : list(raw.years, 'report.years', fail);
  for (const y of years ?? [])
    if (!/^\d{4}(-\d{4})?$/.test(y)) fail('report.years', `must be periods such as "2015-2019", got ${JSON.stringify(raw.years)}`);
  const breakYear = raw.break === undefined ? undefined : raw.break;
  if (breakYear !== undefined && !(Number.isInteger(breakYear) && (breakYear as number) > 0))
    fail('report.break', `must be a year such as 2018, got ${JSON.stringify(breakYear)}`);
  if (raw.allowEmpty !== undefined && typeof raw.allowEmpty !== 'boolean')
    fail('report.allowEmpty', `must be true or false, got ${JSON.stringify(raw.allowEmpty)}`);
  const focus = raw.focus ?? 'CN';
  if (typeof focus !== 'string' || !/^[A-Za-z]{2}$/.test(focus))
    fail('report.focus', `must be a two-letter country code, got ${JSON.stringify(focus)}`);
  return {
    years,
    fields: raw.fields === undefined ? undefined : list(raw.fields, 'report.fields', fail),
    focus: String(focus).toUpperCase(),
    partners: (raw.partners === undefined ? ['US'] : list(raw.partners, 'report.partners', fail)).map((p) => p.toUpperCase()),
    top: optionalNumber(raw.top, 'report.top', fail, 1) ?? 20,
    minPapers: optionalNumber(raw.minPapers, 'report.minPapers', fail, 0),
    minFieldPapers: optionalNumber(raw.minFieldPapers, 'report.minFieldPapers', fail, 0) ?? 100,
    minBarPapers: optionalNumber(raw.minBarPapers, 'report.minBarPapers', fail, 0),
    breakYear: breakYear as number | undefined,
    allowEmpty: raw.allowEmpty === true,
    out: raw.out === undefined ? 'out' : typeof raw.out === 'string' ? raw.out : fail('report.out', 'must be a folder path'),
  };
}

/** The cube's keys as `analyze --cube` takes them, or in the flags' forms: "2015-2019", "name=query", "a,b", 5. */
function cubeOf(raw: Record<string, unknown>, fail: (key: string, what: string) => never): Partial<CubeConfig> {
  const c: Record<string, unknown> = { ...raw };
  const texts = (k: string) => (raw[k] === undefined ? undefined : list(raw[k], `cube.${k}`, fail));
  const asList = (k: string) => (raw[k] === undefined ? undefined : Array.isArray(raw[k]) ? (raw[k] as unknown[]) : [raw[k]]);
  try {
    if (raw.periods !== undefined) c.periods = asList('periods')!.map((p) => (typeof p === 'string' ? parsePeriod(p) : p));
    if (raw.topics !== undefined) c.topics = asList('topics')!.map((t) => (typeof t === 'string' ? parseTopic(t) : t));
  } catch (e) {
    fail(raw.periods !== undefined && /period/.test((e as Error).message) ? 'cube.periods' : 'cube.topics', (e as Error).message);
  }
  if (raw.windows !== undefined) c.windows = asList('windows');
  for (const k of ['includeDocTypes', 'excludeDocTypes', 'languages']) if (raw[k] !== undefined) c[k] = texts(k);
  return c as Partial<CubeConfig>;
}

function unknownKeys(
  o: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  fail: (key: string, what: string) => never,
): void {
  for (const k of Object.keys(o))
    if (!known.includes(k)) fail(prefix + k, `is not a job key (known: ${known.filter((x) => x !== '$schema').join(', ')})`);
}

/** "a,b", ["a", "b"] or "a" alike. */
function list(v: unknown, key: string, fail: (key: string, what: string) => never): string[] {
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((s) => s.trim()).filter(Boolean);
  return fail(key, `must be a text ("a,b") or a list of texts, got ${JSON.stringify(v)}`);
}

function optionalNumber(v: unknown, key: string, fail: (key: string, what: string) => never, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(key, `must be a number >= ${min}, got ${JSON.stringify(v)}`);
  return v as number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
