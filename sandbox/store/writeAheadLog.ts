import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * The store's durability: an append-only log of JSON lines, fsynced before a write is acknowledged,
 * plus a snapshot that compaction rewrites now and then so the log stays short.
 *
 * Writes that arrive while an fsync is running wait for the next one together (group commit), so
 * a hundred concurrent writes cost one or two fsyncs instead of a hundred.
 *
 * Crash safety: the snapshot is replaced by write-temp + fsync + rename + fsync(dir); a torn last log
 * line (the process died mid-append) fails to parse and is cut off on the next open, and log records
 * at or below the snapshot's revision are skipped, so a crash between "snapshot renamed" and "log
 * truncated" loses nothing and applies nothing twice.
 */

export interface LogRecordPut {
  r: number;
  k: string;
  o: unknown;
}
export interface LogRecordDelete {
  r: number;
  k: string;
  d: [string, string];
}
export type LogRecord = LogRecordPut | LogRecordDelete;

export interface RecoveredState {
  snapshotRevision: number;
  snapshot: Array<{ k: string; o: unknown }>;
  records: LogRecord[];
}

/** What compaction writes: the revision the state is at and one JSON line per object. */
export interface SnapshotSource {
  revision: number;
  lines: Iterable<Buffer>;
}

const logName = 'store.log';
const snapshotName = 'store.snapshot';

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads snapshot and log; cuts a torn tail off the log so later appends start on a clean line. */
export function recover(dir: string): RecoveredState {
  const state: RecoveredState = { snapshotRevision: 0, snapshot: [], records: [] };
  const snapshotFile = path.join(dir, snapshotName);
  if (existsSync(snapshotFile)) {
    const lines = readFileSync(snapshotFile, 'utf8').split('\n');
    const header = JSON.parse(lines[0]) as { revision: number };
    state.snapshotRevision = header.revision;
    for (let i = 1; i < lines.length; i++) if (lines[i]) state.snapshot.push(JSON.parse(lines[i]) as { k: string; o: unknown });
  }
  const logFile = path.join(dir, logName);
  if (!existsSync(logFile)) return state;
  const buffer = readFileSync(logFile);
  let offset = 0;
  let goodEnd = 0;
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset);
    if (newline < 0) break; // no newline: the last append was torn
    const line = buffer.subarray(offset, newline).toString('utf8');
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      break;
    }
    if (record.r > state.snapshotRevision) state.records.push(record);
    offset = newline + 1;
    goodEnd = offset;
  }
  if (goodEnd < buffer.length) {
    const fd = openSync(logFile, 'r+');
    try {
      ftruncateSync(fd, goodEnd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return state;
}

export class WriteAheadLog {
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private flushing: Promise<void> | undefined;
  private linesInLog = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private handle: FileHandle,
    private readonly snapshotSource: () => SnapshotSource,
    private readonly compactAfterLines: number,
  ) {}

  static async open(dir: string, snapshotSource: () => SnapshotSource, options: { compactAfterLines?: number; linesInLog?: number } = {}): Promise<WriteAheadLog> {
    const handle = await open(path.join(dir, logName), 'a');
    fsyncDirectory(dir);
    const log = new WriteAheadLog(dir, handle, snapshotSource, options.compactAfterLines ?? 20_000);
    log.linesInLog = options.linesInLog ?? 0;
    return log;
  }

  /** Resolves once the record is on disk. */
  append(record: LogRecord): Promise<void> {
    return this.appendRaw(Buffer.from(`${JSON.stringify(record)}\n`));
  }

  /** Appends one complete log line (JSON of a LogRecord plus newline); resolves once it is on disk. */
  appendRaw(line: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    this.pending.push(line);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    // Let every write of the current tick join this batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.handle.write(Buffer.concat(batch));
        await this.handle.datasync();
        this.linesInLog += batch.length;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error as Error);
      }
      if (this.linesInLog >= this.compactAfterLines) await this.compact();
    }
    this.flushing = undefined;
  }

  /** Writes a fresh snapshot of the whole state and empties the log. Runs between batches only. */
  async compact(): Promise<void> {
    const source = this.snapshotSource();
    const file = path.join(this.dir, snapshotName);
    const fd = openSync(`${file}.tmp`, 'w');
    try {
      writeSync(fd, `${JSON.stringify({ revision: source.revision })}\n`);
      const newline = Buffer.from('\n');
      let chunk: Buffer[] = [];
      for (const line of source.lines) {
        chunk.push(line, newline);
        if (chunk.length >= 1000) {
          writeSync(fd, Buffer.concat(chunk));
          chunk = [];
        }
      }
      if (chunk.length) writeSync(fd, Buffer.concat(chunk));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(`${file}.tmp`, file);
    fsyncDirectory(this.dir);
    await this.handle.truncate(0);
    await this.handle.sync();
    this.linesInLog = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}
