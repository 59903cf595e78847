/** The options every command takes (yargs `global`). */
export interface GlobalArgs {
  db: string;
}
