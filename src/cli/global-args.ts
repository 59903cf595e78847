/** The options every command takes (yargs `global`). */
export interface GlobalArgs {
  db: string;
  /** Seconds to wait while another coauth process holds the database. */
  wait?: number;
}
