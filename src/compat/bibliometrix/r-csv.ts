/**
 * CSV as R's write.csv writes it, so files diff cleanly against bibliometrix's own: strings
 * quoted, NA bare, numbers with 15 significant digits, a quoted empty header over row names.
 */
function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return `"${String(v).replace(/"/g, '""')}"`;
}

/** `columns` names the header when there may be no rows (R writes the header anyway). */
export function rCsv(rows: readonly object[], columns: readonly string[] = rows.length > 0 ? Object.keys(rows[0]!) : []): string {
  const lines = [columns.map((c) => `"${c}"`).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','));
  return lines.join('\n') + '\n';
}

export function rMatrixCsv(names: readonly string[], values: readonly (readonly number[])[]): string {
  const lines = [['""', ...names.map((n) => `"${n}"`)].join(',')];
  names.forEach((n, i) => lines.push([`"${n}"`, ...values[i]!.map(cell)].join(',')));
  return lines.join('\n') + '\n';
}
