import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Batch, RejectKind } from '../parse/batch.js';
import { CLEAR_STAGE_SQL, COMMIT_FILE_SQL, FILE_ROW_SQL } from './commit-file.js';
import { STAGE_SQL } from './schema.js';
import { runScript } from './run-script.js';

export interface FileInfo {
  path: string;
  size: number;
  fingerprint: string;
  format: string | null;
}

export interface FileCounts {
  fileId: number;
  nRead: number;
  nLoaded: number;
  nDuplicate: number;
  nRejected: number;
}

/**
 * The single writer: stages one file's batches through DuckDB appenders, in chunk order, and
 * commits the file in one transaction (store/commit-file.ts). Chunk-relative lines become file
 * lines here, since only the writer sees the chunks in order.
 */
export class FileWriter {
  private records!: DuckDBAppender;
  private addresses!: DuckDBAppender;
  private rejects!: DuckDBAppender;
  private nextRecId = 0;
  private lineBase = 0;
  private nRead = 0;
  private nRejected = 0;
  private readonly started = performance.now();

  private constructor(
    private readonly connection: DuckDBConnection,
    readonly fileId: number,
    private readonly info: FileInfo,
  ) {}

  static async begin(connection: DuckDBConnection, info: FileInfo): Promise<FileWriter> {
    await runScript(connection, STAGE_SQL + CLEAR_STAGE_SQL);
    const ids = await connection.runAndReadAll(
      'SELECT coalesce(max(file_id), 0) + 1, (SELECT coalesce(max(rec_id), 0) + 1 FROM records) FROM files',
    );
    const [fileId, recId] = ids.getRows()[0]!.map(Number) as [number, number];
    const w = new FileWriter(connection, fileId, info);
    w.nextRecId = recId;
    w.records = await connection.createAppender('_stage_records', 'main', 'temp');
    w.addresses = await connection.createAppender('_stage_addresses', 'main', 'temp');
    w.rejects = await connection.createAppender('_stage_rejects', 'main', 'temp');
    return w;
  }

  append(batch: Batch): void {
    const r = batch.records;
    const recBase = this.nextRecId;
    const ap = this.records;
    for (let i = 0; i < r.uid.length; i++) {
      ap.appendBigInt(BigInt(recBase + i));
      ap.appendVarchar(r.source[i]!);
      ap.appendVarchar(r.uid[i]!);
      varchar(ap, r.doi[i]);
      varchar(ap, r.title[i]);
      integer(ap, r.year[i]);
      integer(ap, r.early_access_year[i]);
      varchar(ap, r.doc_types[i]);
      varchar(ap, r.pub_type[i]);
      varchar(ap, r.source_title[i]);
      varchar(ap, r.language[i]);
      varchar(ap, r.categories[i]);
      varchar(ap, r.research_areas[i]);
      varchar(ap, r.keywords[i]);
      varchar(ap, r.keywords_plus[i]);
      varchar(ap, r.abstract[i]);
      integer(ap, r.times_cited[i]);
      ap.appendBoolean(r.has_author_links[i]!);
      ap.appendInteger(this.fileId);
      ap.appendBigInt(BigInt(this.lineBase + r.line[i]!));
      ap.endRow();
    }
    const a = batch.addresses;
    const aa = this.addresses;
    for (let i = 0; i < a.rec.length; i++) {
      aa.appendBigInt(BigInt(recBase + a.rec[i]!));
      aa.appendInteger(a.addr_pos[i]!);
      aa.appendVarchar(a.raw[i]!);
      varchar(aa, a.organization[i]);
      varchar(aa, a.city[i]);
      varchar(aa, a.country[i]);
      aa.appendVarchar(a.country_tail[i]!);
      varchar(aa, a.authors[i]);
      aa.appendBoolean(a.is_corresponding[i]!);
      aa.endRow();
    }
    const j = batch.rejects;
    for (let i = 0; i < j.kind.length; i++) {
      this.reject(j.kind[i]!, `line ${this.lineBase + j.line[i]!}`, j.reason[i]!, j.excerpt[i]!);
    }
    this.nextRecId += r.uid.length;
    this.nRead += batch.nRead;
    this.lineBase += batch.nLines;
  }

  /** A record the splitter dropped for its size: one read, one rejected, the lines skipped. */
  appendOversize(nLines: number, nBytes: number, head: string, limit: number): void {
    // The dropped bytes start after the previous ER, often with the blank line that follows it.
    const blankLines = /^(?:\r?\n)*/.exec(head)![0].split('\n').length - 1;
    this.reject(
      'record',
      `line ${this.lineBase + blankLines + 1}`,
      `record of ${nBytes} bytes exceeds the ${limit}-byte limit (--max-record-mb); skipped to the next ER`,
      head,
    );
    this.nRead++;
    this.lineBase += nLines;
  }

  reject(kind: RejectKind, position: string, reason: string, excerpt: string): void {
    if (kind === 'record') this.nRejected++;
    const ap = this.rejects;
    ap.appendInteger(this.fileId);
    ap.appendVarchar(position);
    ap.appendVarchar(kind);
    ap.appendVarchar(reason);
    ap.appendVarchar(excerpt);
    ap.endRow();
  }

  /**
   * Makes the file's rows visible in one transaction. Status: done; partial (a read error cut
   * the file short, what was read is kept); failed (nothing could be read, e.g. unsupported format).
   */
  async commit(status: 'done' | 'partial' | 'failed'): Promise<FileCounts> {
    for (const ap of [this.records, this.addresses, this.rejects]) ap.closeSync();
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      await runScript(c, COMMIT_FILE_SQL, { file_id: this.fileId });
      await runScript(c, FILE_ROW_SQL, {
        file_id: this.fileId,
        path: this.info.path,
        size: this.info.size,
        fingerprint: this.info.fingerprint,
        format: this.info.format,
        status,
        n_read: this.nRead,
        n_rejected: this.nRejected,
        seconds: (performance.now() - this.started) / 1000,
      });
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK');
      throw e;
    }
    const row = (
      await c.runAndReadAll('SELECT n_read, n_loaded, n_duplicate, n_rejected FROM files WHERE file_id = $id', {
        id: this.fileId,
      })
    ).getRows()[0]!;
    const [nRead, nLoaded, nDuplicate, nRejected] = row.map(Number) as [number, number, number, number];
    return { fileId: this.fileId, nRead, nLoaded, nDuplicate, nRejected };
  }
}

function varchar(ap: DuckDBAppender, v: string | null | undefined): void {
  if (v == null) ap.appendNull();
  else ap.appendVarchar(v);
}

function integer(ap: DuckDBAppender, v: number | null | undefined): void {
  if (v == null) ap.appendNull();
  else ap.appendInteger(v);
}
