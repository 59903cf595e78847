/** How the splitter cuts input into chunks for the workers; the pool sizes worker heaps from the record cap. */
export interface SplitterOptions {
  targetBytes: number;
  maxRecordBytes: number;
}

export const DEFAULT_SPLITTER_OPTIONS: SplitterOptions = { targetBytes: 1 << 20, maxRecordBytes: 16 << 20 };
