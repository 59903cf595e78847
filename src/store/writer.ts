import { mkdirSync, rmSync } from 'node:fs';
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { problemKind, problemMessage, type ProblemCode, type ProblemParams, type RejectKind } from '../contracts/problems.js';
import { stagedFile } from '../contracts/staging.js';
import type { ChunkSummary } from '../contracts/staging.js';
import { FILE_ROW_SQL, LOAD_CHUNKS_SQL, ORPHANS_SQL, STAGE_SQL } from './load-sql.js';
import { DbQueue } from './db-queue.js';
import { runScript } from './run-script.js';
import { deleteRecords, retireFile, type RecordId } from './versions.js';

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
  /** Earlier versions this file's records replaced. */
  nReplaced: number;
  /** Records this file's deletion list removed, and ids it listed that no current record had. */
  nDeleted: number;
  nNotFound: number;
}

/** done: read whole; partial: cut short, what was read is kept; failed: nothing loaded. Partial and failed files are retried. */
export type FileStatus = 'done' | 'partial' | 'failed';

export interface WriterOptions {
  /** Commit once the files in the open transaction reach this many bytes (and at the end). */
  commitBytes: number;
  /**
   * Load staged chunks in groups of at least this many, while the workers parse the next ones,
   * and of at least a share of the records already stored (GROUP_SHARE_OF_STORED).
   */
  chunksPerLoad: number;
  /** A record from a later file replaces the one loaded with its id (default); false: the first stays (--keep first). */
  keepLatest: boolean;
}

/**
 * Each group probes every stored id for the versions it replaces (store/load-sql.ts: a scan, there
 * being no index), so groups of a fixed size would make loading N records cost N^2. Groups of at
 * least this share of what is stored keep the probes' cost per record flat.
 */
const GROUP_SHARE_OF_STORED = 1 / 500;

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { commitBytes: 256 << 20, chunksPerLoad: 32, keepLatest: true };

interface PendingChunk {
  chunk: number;
  fileId: number;
  recBase: number;
  lineBase: number;
}

/**
 * The single writer of an ingest run: owns the DuckDB connection and its transaction. Workers
 * write rows as staged files; the writer learns each chunk's counts in order (so chunk-relative
 * record numbers and lines become rec_ids and file lines), loads staged chunks in groups while
 * later ones are parsed (store/load-sql.ts), and commits whole files only: a transaction
 * holds one or more whole files, so a crash loses at most the files of the open transaction,
 * never part of one. All DuckDB work goes through one DbQueue; callers never wait for it
 * except for the outcome of a file.
 */
export class Writer {
  private readonly queue = new DbQueue();
  private nextFileId = 0;
  private nextRecId = 0;
  private nextChunk = 0;
  private pending: PendingChunk[] = [];
  private inTransaction = false;
  private bytesInTransaction = 0;
  /** Files read in the open transaction, written and settled when it commits or rolls back. */
  private finished: FinishedFile[] = [];
  /** Wall seconds of DuckDB's loads and commits (stage-cpu.ts shares DuckDB's CPU by them). */
  readonly wall = { load: 0, commit: 0 };
  private failure: unknown = null;

  private constructor(
    private readonly connection: DuckDBConnection,
    readonly stageRoot: string,
    private readonly options: WriterOptions,
  ) {}

  static async open(connection: DuckDBConnection, stageRoot: string, options = DEFAULT_WRITER_OPTIONS): Promise<Writer> {
    const w = new Writer(connection, stageRoot, options);
    rmSync(stageRoot, { recursive: true, force: true });
    mkdirSync(stageRoot, { recursive: true });
    await runScript(connection, STAGE_SQL);
    const ids = await connection.runAndReadAll(
      // rec_ids are never reused: a deleted record's number stays in record_versions.
      'SELECT coalesce(max(file_id), 0) + 1, (SELECT coalesce(max(rec_id), 0) + 1 FROM record_versions) FROM files',
    );
    [w.nextFileId, w.nextRecId] = ids.getRows()[0]!.map(Number) as [number, number];
    return w;
  }

  /** Starts an input file; its rows are given through the returned handle. */
  beginFile(info: FileInfo): FileHandle {
    return new FileHandle(this, this.nextFileId++, info);
  }

  /** Numbers chunks across the run: a worker stages chunk n as stagedFile(stageRoot, n, ...). */
  nextChunkNumber(): number {
    return this.nextChunk++;
  }

  /** Called by a FileHandle for each parsed chunk, in order. */
  addChunk(fileId: number, s: ChunkSummary, lineBase: number): void {
    this.pending.push({ chunk: s.chunk, fileId, recBase: this.nextRecId, lineBase });
    this.nextRecId += s.nRecords;
    const stored = this.pending[0]!.recBase;
    if (this.pending.length >= this.options.chunksPerLoad && this.nextRecId - stored >= stored * GROUP_SHARE_OF_STORED) this.loadPending();
  }

  private loadPending(): void {
    const chunks = this.pending;
    this.pending = [];
    if (chunks.length > 0) this.enqueue(() => this.load(chunks));
  }

  /**
   * Runs DuckDB work in order; after a failure nothing more runs until the failed transaction is
   * settled. `failed` hears of the failure that stopped the task (its own or an earlier one).
   */
  private enqueue(task: () => Promise<void>, failed?: (e: unknown) => void): void {
    this.queue
      .run(async () => {
        if (this.failure) throw this.failure;
        if (!this.inTransaction) {
          await this.connection.run('BEGIN TRANSACTION');
          this.inTransaction = true;
        }
        await task();
      })
      .catch((e: unknown) => {
        this.failure ??= e;
        failed?.(e);
      });
  }

  private async load(chunks: PendingChunk[]): Promise<void> {
    const c = this.connection;
    const ap = await c.createAppender('_chunks', 'main', 'temp');
    for (const k of chunks) {
      ap.appendInteger(k.chunk);
      ap.appendInteger(k.fileId);
      ap.appendBigInt(BigInt(k.recBase));
      ap.appendBigInt(BigInt(k.lineBase));
      ap.endRow();
    }
    ap.closeSync();
    const files = (kind: 'records' | 'addresses') => listValue(chunks.map((k) => stagedFile(this.stageRoot, k.chunk, kind)));
    const started = performance.now();
    await runScript(
      c,
      LOAD_CHUNKS_SQL,
      { records_files: files('records'), addresses_files: files('addresses'), keep_latest: this.options.keepLatest },
      { records_files: LIST(VARCHAR), addresses_files: LIST(VARCHAR) },
    );
    this.wall.load += (performance.now() - started) / 1000;
    for (const k of chunks) {
      rmSync(stagedFile(this.stageRoot, k.chunk, 'records'), { force: true });
      rmSync(stagedFile(this.stageRoot, k.chunk, 'addresses'), { force: true });
    }
  }

  /**
   * Deletes the current records with these ids after everything given before (in the open
   * transaction, so a deletion list applies in delivery order); the handle learns the counts.
   */
  deleteIds(handle: FileHandle, ids: readonly RecordId[]): void {
    this.loadPending();
    this.enqueue(async () => {
      const deleted = await deleteRecords(this.connection, ids, handle.fileId);
      handle.deleted(deleted, ids.length - deleted);
    });
  }

  /**
   * A file loaded before that failed or was partial, read again: its records and row step aside
   * in the transaction that loads it anew (status 'retried').
   */
  retire(fileId: number): void {
    this.loadPending();
    this.enqueue(async () => {
      await retireFile(this.connection, fileId, 'retried');
    });
  }

  /**
   * Called by a FileHandle when its file is read. Its rows, rejects and `files` row are written
   * with the commit that makes them visible; resolves with its counts after that commit.
   */
  finishFile(handle: FileHandle, rejects: Reject[], row: () => Record<string, string | number | null>): FileOutcome {
    const file: FinishedFile = { fileId: handle.fileId, rejects, row, loaded: null, resolve: () => undefined, reject: () => undefined };
    const committed = new Promise<FileCounts>((resolve, reject) => Object.assign(file, { resolve, reject }));
    this.finished.push(file);
    // The file's last chunks are loaded now, not with the next group, so that its counts are known at once.
    this.loadPending();
    const loaded = new Promise<FileCounts>((resolve, reject) =>
      this.enqueue(async () => {
        const counts = await this.connection.runAndReadAll(
          `SELECT (SELECT count(*) FROM record_versions WHERE file_id = $id), (SELECT count(*) FROM duplicates WHERE file_id = $id),
                  (SELECT count(*) FROM record_versions WHERE ended_by_file = $id AND status = 'replaced')`,
          { id: handle.fileId },
        );
        const [nLoaded, nDuplicate, nReplaced] = counts.getRows()[0]!.map(Number) as [number, number, number];
        const r = row();
        file.loaded = { nLoaded, nDuplicate };
        resolve({
          fileId: handle.fileId,
          nRead: Number(r.n_read),
          nLoaded,
          nDuplicate,
          nRejected: Number(r.n_rejected),
          nReplaced,
          nDeleted: Number(r.n_deleted),
          nNotFound: Number(r.n_not_found),
        });
      }, reject),
    );
    loaded.catch(() => undefined); // the same failure reaches `committed`
    this.bytesInTransaction += handle.info.size;
    if (this.bytesInTransaction >= this.options.commitBytes) void this.commit();
    return { loaded, committed };
  }

  /** Queues the commit of the open transaction, with the rows of the files finished in it. */
  commit(): Promise<void> {
    const files = this.finished;
    this.finished = [];
    this.bytesInTransaction = 0;
    this.loadPending();
    if (files.length > 0) this.enqueue(() => this.writeFileRows(files));
    return this.queue.run(async () => {
      const c = this.connection;
      // The transaction's files did not load: it is rolled back and they hear why.
      const rollBack = async (e: unknown) => {
        if (this.inTransaction) await c.run('ROLLBACK').catch(() => undefined);
        this.inTransaction = false;
        for (const f of files) f.reject(e);
      };
      if (this.failure) {
        const e = this.failure;
        this.failure = null;
        return rollBack(e);
      }
      if (this.inTransaction) {
        try {
          const loading = performance.now();
          await runScript(c, ORPHANS_SQL);
          this.wall.load += (performance.now() - loading) / 1000;
          const started = performance.now();
          await c.run('COMMIT');
          this.wall.commit += (performance.now() - started) / 1000;
        } catch (e) {
          await rollBack(e);
          throw e;
        }
      }
      this.inTransaction = false;
      if (files.length === 0) return;
      const rows = await c.runAndReadAll(
        `SELECT file_id, n_read, n_loaded, n_duplicate, n_rejected, n_deleted, n_not_found,
                (SELECT count(*) FROM record_versions v WHERE v.ended_by_file = f.file_id AND v.status = 'replaced')
         FROM files f WHERE file_id BETWEEN ${files[0]!.fileId} AND ${files[files.length - 1]!.fileId}`,
      );
      const counts = new Map(rows.getRows().map((r) => [Number(r[0]), r.map(Number)]));
      for (const f of files) {
        const [, nRead, nLoaded, nDuplicate, nRejected, nDeleted, nNotFound, nReplaced] = counts.get(f.fileId)!;
        f.resolve({
          fileId: f.fileId,
          nRead: nRead!,
          nLoaded: nLoaded!,
          nDuplicate: nDuplicate!,
          nRejected: nRejected!,
          nReplaced: nReplaced!,
          nDeleted: nDeleted!,
          nNotFound: nNotFound!,
        });
      }
    });
  }

  private async writeFileRows(files: FinishedFile[]): Promise<void> {
    const c = this.connection;
    if (files.some((f) => f.rejects.length > 0)) {
      const ap = await c.createAppender('rejects');
      for (const f of files) {
        for (const r of f.rejects) {
          ap.appendInteger(f.fileId);
          ap.appendVarchar(r.position);
          ap.appendVarchar(r.kind);
          ap.appendVarchar(r.reason);
          ap.appendVarchar(r.excerpt);
          ap.appendVarchar(r.code);
          ap.endRow();
        }
      }
      ap.closeSync();
    }
    for (const f of files)
      await runScript(c, FILE_ROW_SQL, { ...f.row(), file_id: f.fileId, n_loaded: f.loaded!.nLoaded, n_duplicate: f.loaded!.nDuplicate });
  }

  /** Gives up the open transaction: its files are rolled back and reported as failed with `error`. */
  abort(error: unknown): Promise<void> {
    this.failure ??= error;
    return this.commit();
  }

  /** Commits what is open and removes the staged files. */
  async close(): Promise<void> {
    await this.commit();
    await this.queue.idle();
    rmSync(this.stageRoot, { recursive: true, force: true });
  }
}

/** loaded: the file's rows are in the open transaction (counts for progress); committed: visible to everyone. */
export interface FileOutcome {
  loaded: Promise<FileCounts>;
  committed: Promise<FileCounts>;
}

interface FinishedFile {
  fileId: number;
  /** Its counts once loaded in the transaction (the files row is written from them). */
  loaded: { nLoaded: number; nDuplicate: number } | null;
  rejects: Reject[];
  /** The `files` row, made when written: a deletion list's counts are known only then. */
  row: () => Record<string, string | number | null>;
  resolve: (c: FileCounts) => void;
  reject: (e: unknown) => void;
}

interface Reject {
  kind: RejectKind;
  position: string;
  reason: string;
  excerpt: string;
  code: ProblemCode;
}

/** Where in its file a reject is: a line (1-based) or, in JSON documents where lines say nothing, a byte. */
export type Position = { line: number } | { byte: number };

/** One input file's side of the writer: its lines, its counts, its rejects. */
export class FileHandle {
  private lineBase = 0;
  private nRead = 0;
  private nRejected = 0;
  private rejects: Reject[] = [];
  private nDeleted = 0;
  private nNotFound = 0;
  private readonly started = performance.now();

  constructor(
    private readonly writer: Writer,
    readonly fileId: number,
    readonly info: FileInfo,
  ) {}

  /**
   * A parsed chunk, in chunk order; byteOffset: where its first byte is in the file. Its rejects'
   * lines and bytes, relative to the chunk, are rebased to the file here, positions and messages
   * alike: the one place where that happens.
   */
  addChunk(s: ChunkSummary, byteOffset: number): void {
    this.writer.addChunk(this.fileId, s, this.lineBase);
    const j = s.rejects;
    for (let i = 0; i < j.code.length; i++) {
      const byte = j.byte[i];
      const params = { ...j.params[i]! };
      if (typeof params.line === 'number') params.line += this.lineBase;
      if (typeof params.byte === 'number') params.byte += byteOffset;
      this.reject(
        j.code[i]!,
        byte === null || byte === undefined ? { line: this.lineBase + j.line[i]! } : { byte: byteOffset + byte },
        params,
        j.excerpt[i]!,
      );
    }
    this.nRead += s.nRead;
    this.lineBase += s.nLines;
  }

  /**
   * A chunk whose worker died (the worker catches a parser's exception itself and reports it as
   * a reject of its chunk: parse/worker.ts): one record read and rejected, since how many records
   * it held is not known. Its lines are not known either, so later lines may be off; the message says so.
   */
  addFailedChunk(size: number, byteOffset: number, error: unknown): void {
    const detail = String((error as Error)?.message ?? error).split('\n')[0]!;
    this.reject(
      'worker-failure',
      { byte: byteOffset },
      { byte: byteOffset, bytes: size, detail: `${detail}; line numbers after it may be off` },
      '',
    );
    this.nRead++;
  }

  /**
   * A record the splitter dropped for its size: one read, one rejected, the lines skipped;
   * `byteOffset` for JSON documents, where lines say nothing.
   */
  addOversize(nLines: number, nBytes: number, head: string, limit: number, byteOffset?: number): void {
    // The dropped bytes start after the previous ER, often with the blank line that follows it.
    const blankLines = /^(?:\r?\n)*/.exec(head)![0].split('\n').length - 1;
    this.reject(
      'too-large',
      byteOffset === undefined ? { line: this.lineBase + blankLines + 1 } : { byte: byteOffset },
      { size: nBytes, unit: 'bytes', limit, skipped: 1 },
      head,
    );
    this.nRead++;
    this.lineBase += nLines;
  }

  /** A record the splitter could not cut out (its bytes break the format's structure). */
  addUnreadable(byte: number, reason: string, head: string): void {
    this.reject('unreadable', { byte }, { detail: reason }, head);
    this.nRead++;
  }

  /** A deletion list's outcome (the writer calls it when the deletion has run). */
  deleted(nDeleted: number, nNotFound: number): void {
    this.nDeleted += nDeleted;
    this.nNotFound += nNotFound;
  }

  /** Records seen so far, rejected ones included. */
  get recordsRead(): number {
    return this.nRead;
  }

  /** Records rejected so far. */
  get recordsRejected(): number {
    return this.nRejected;
  }

  /** Lines read that are not records (a deletion list's ids): counted read, never loaded. */
  addRead(n: number): void {
    this.nRead += n;
  }

  /** A reject at a position of the file (already rebased), its message made from the code's parameters. */
  reject(code: ProblemCode, position: Position, params: ProblemParams, excerpt: string): void {
    const kind = problemKind(code);
    if (kind === 'record') this.nRejected++;
    const where = 'line' in position ? `line ${position.line}` : `byte ${position.byte}`;
    this.rejects.push({ kind, position: where, reason: problemMessage(code, params), excerpt, code });
  }

  /**
   * The file is read. Resolves with its counts once the transaction holding it commits.
   * Status: done; partial (a read error cut the file short, what was read is kept); failed
   * (nothing could be read, e.g. unsupported format).
   */
  finish(status: FileStatus): FileOutcome {
    const seconds = (performance.now() - this.started) / 1000;
    return this.writer.finishFile(this, this.rejects, () => ({
      path: this.info.path,
      size: this.info.size,
      fingerprint: this.info.fingerprint,
      format: this.info.format,
      status,
      n_read: this.nRead,
      n_rejected: this.nRejected,
      seconds,
      n_deleted: this.nDeleted,
      n_not_found: this.nNotFound,
    }));
  }
}
