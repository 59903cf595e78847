/** The options every command takes (yargs `global`). */
export interface GlobalArgs {
  db: string;
  /** Seconds to wait while another coauth process holds the database. */
  wait?: number;
  /** CSV cells as they are, without the spreadsheet-formula guard (text/csv-cell.ts). */
  rawCsv?: boolean;
}
