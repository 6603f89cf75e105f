import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The stdout of one container instance (one restart), with a timestamp per line, as the CRI log
 * files under /var/log/pods hold it. Bounded in memory; appended to a file in the CRI format
 * (`<RFC3339Nano> stdout F <text>`) in small batches so `kubectl logs` still works after the
 * sandbox restarts.
 */
export interface LogLine {
  /** RFC3339Nano, as `kubectl logs --timestamps` prints it. */
  timestamp: string;
  /** Milliseconds since the epoch, for sinceSeconds. */
  time: number;
  text: string;
}

// Small enough for a thousand pods in one process (probe hits are logged too), large enough to read.
const maxLinesInMemory = 500;
const maxBytesInMemory = 64 * 1024;
const maxFileBytes = 512 * 1024;

function rfc3339Nano(time: number): string {
  return new Date(time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export class ContainerLog {
  private lines: LogLine[] = [];
  private bytes = 0;
  private readonly followers = new Set<(line: LogLine | null) => void>();
  private ended = false;
  private unwritten: string[] = [];
  private fileBytes = 0;
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private directoryMade = false;

  constructor(private readonly file: string | undefined) {}

  /** A log read back from its file (the previous instance after a sandbox restart). */
  static load(file: string): ContainerLog | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const log = new ContainerLog(file);
    for (const row of text.split('\n')) {
      const match = /^(\S+) stdout [FP] (.*)$/.exec(row);
      if (!match) continue;
      const time = Date.parse(match[1]);
      log.remember({ timestamp: match[1], time: Number.isNaN(time) ? Date.now() : time, text: match[2] });
    }
    log.fileBytes = Buffer.byteLength(text);
    log.ended = true;
    return log;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private remember(line: LogLine): void {
    this.lines.push(line);
    this.bytes += line.text.length + 40;
    while (this.lines.length > maxLinesInMemory || this.bytes > maxBytesInMemory) {
      const dropped = this.lines.shift();
      if (!dropped) break;
      this.bytes -= dropped.text.length + 40;
    }
  }

  write(text: string): void {
    if (this.ended) return;
    for (const part of text.replace(/\n$/, '').split('\n')) {
      const time = Date.now();
      const line = { timestamp: rfc3339Nano(time), time, text: part };
      this.remember(line);
      for (const follower of this.followers) follower(line);
      if (this.file) this.unwritten.push(`${line.timestamp} stdout F ${part}\n`);
    }
    if (this.file && !this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), 200);
  }

  /** The container stopped: followers get the end, the file its last lines. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const follower of this.followers) follower(null);
    this.followers.clear();
    void this.flush();
  }

  snapshot(): LogLine[] {
    return [...this.lines];
  }

  /** Calls `listener` for every new line, then `null` at the end; returns the unsubscribe. */
  follow(listener: (line: LogLine | null) => void): () => void {
    if (this.ended) {
      listener(null);
      return () => undefined;
    }
    this.followers.add(listener);
    return () => this.followers.delete(listener);
  }

  /** Writes the pending lines; calls chain, so awaiting one means everything before it is on disk. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (!this.file || this.unwritten.length === 0) return;
    const file = this.file;
    const batch = this.unwritten.join('');
    this.unwritten = [];
    try {
      // Once per log, not per batch: with a thousand pods probed every few seconds, mkdir was a syscall per flush.
      if (!this.directoryMade) await fs.mkdir(path.dirname(file), { recursive: true });
      this.directoryMade = true;
      if (this.fileBytes + batch.length > maxFileBytes) {
        // Rotate: keep what memory holds, as the kubelet keeps a bounded log per container.
        const kept = this.lines.map((line) => `${line.timestamp} stdout F ${line.text}\n`).join('');
        await fs.writeFile(file, kept);
        this.fileBytes = kept.length;
      } else {
        await fs.appendFile(file, batch);
        this.fileBytes += batch.length;
      }
    } catch {
      this.directoryMade = false;
      // The log file is a convenience for restarts; the lines stay in memory.
    }
  }
}
