/**
 * Every problem a reject can record, by code: its kind, and its message made from parameters
 * (csv-parse's CsvError codes, malloy's code-to-message map). Workers record a code and numbers
 * relative to their chunk; the writer rebases `line` and `byte` to the file and formats the
 * message once (store/writer.ts, FileHandle). `rejects.code` keeps the code for queries.
 */
/** record: a record not loaded; line: a stray line outside records; file: a file (or its end) not read; encoding: bytes that are not UTF-8. */
export type RejectKind = 'record' | 'line' | 'file' | 'encoding';

export type ProblemParams = Record<string, string | number>;

interface Problem {
  kind: RejectKind;
  message: (p: ProblemParams) => string;
}

export const PROBLEMS = {
  // A record not loaded.
  grammar: { kind: 'record', message: (p) => `line ${p.line}: ${p.what}` },
  'c1-unterminated': {
    kind: 'record',
    message: (p) => `line ${p.line}: C1 line does not end with '.' as every WoS address does; a tag is probably missing above it`,
  },
  'not-closed': { kind: 'record', message: (p) => `record not closed by ER before the ${p.before} line ${p.line}` },
  truncated: { kind: 'record', message: () => 'truncated record: no ER line before the end of the file' },
  'too-large': {
    kind: 'record',
    message: (p) =>
      `record of ${p.size} ${p.unit} exceeds the ${p.limit}-byte limit (--max-record-mb)${p.skipped ? '; skipped to the next record' : ''}`,
  },
  'no-id': { kind: 'record', message: (p) => String(p.detail) },
  'invalid-record': { kind: 'record', message: (p) => String(p.detail) },
  cells: { kind: 'record', message: (p) => `row has ${p.cells} cells where the header has ${p.expected}` },
  'csv-row': {
    kind: 'record',
    message: (p) => `CSV row not readable (${p.detail}); read as its first line, the next line read as a new row`,
  },
  xml: { kind: 'record', message: (p) => `REC is not well-formed XML: ${p.detail}` },
  'rec-not-closed': { kind: 'record', message: (p) => `REC element not closed before ${p.where}` },
  json: { kind: 'record', message: (p) => `${p.what} is not valid JSON: ${p.detail}` },
  unreadable: { kind: 'record', message: (p) => String(p.detail) },
  'not-an-id': { kind: 'record', message: (p) => String(p.detail) },
  'worker-failure': {
    kind: 'record',
    message: (p) =>
      `the parser failed on bytes ${p.byte}-${Number(p.byte) + Number(p.bytes) - 1}` +
      `${p.line === undefined ? '' : ` (lines ${p.line}-${Number(p.line) + Number(p.lines) - 1})`}: ${p.detail}; ` +
      'the records there are not loaded, the rest of the file is; please report this with the file',
  },
  // A line outside any record.
  'stray-line': { kind: 'line', message: (p) => String(p.what) },
  // Bytes that are not text.
  'invalid-utf8': { kind: 'encoding', message: (p) => String(p.detail) },
  'control-bytes': {
    kind: 'encoding',
    message: (p) =>
      `${p.count} control byte${Number(p.count) > 1 ? 's' : ''} (the first ${p.first}) removed: not text (NUL and the like); the record loads without ${Number(p.count) > 1 ? 'them' : 'it'}`,
  },
  // A file, or its end, not read.
  unsupported: { kind: 'file', message: (p) => String(p.detail) },
  'no-record': { kind: 'file', message: (p) => String(p.detail) },
  'read-error': { kind: 'file', message: (p) => `read error, the rest of the file is lost: ${p.detail}` },
  cut: { kind: 'file', message: (p) => String(p.detail) },
} satisfies Record<string, Problem>;

export type ProblemCode = keyof typeof PROBLEMS;

export function problemKind(code: ProblemCode): RejectKind {
  return PROBLEMS[code].kind as RejectKind;
}

export function problemMessage(code: ProblemCode, params: ProblemParams): string {
  return (PROBLEMS[code] as Problem).message(params);
}
