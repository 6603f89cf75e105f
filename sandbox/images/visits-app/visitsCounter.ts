import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The visit count as a plain integer in a file (`data/visits.txt`), as the seed's apps kept it.
 *
 * Increments of one file are serialized inside this process (one writer per file at a time), and
 * each new value is written to a temporary file, flushed to disk and renamed over the old one, so
 * a crash leaves either the old or the new number, never a torn file. Only node: built-ins are used
 * because the standalone server is bundled on its own (see the Dockerfile).
 */

interface FileQueue {
  waiting: Array<{ resolve(value: number): void; reject(error: unknown): void }>;
  writing: boolean;
}

const queues = new Map<string, FileQueue>();
let temporaryCounter = 0;

/** Reads the count; a missing or empty file counts as 0. */
export async function readVisits(file: string): Promise<number> {
  try {
    const text = await fs.readFile(file, 'utf8');
    const value = Number.parseInt(text.trim(), 10);
    return Number.isFinite(value) && value >= 0 ? value : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  temporaryCounter += 1;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
  const handle = await fs.open(temporary, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Adds one visit and answers the new count. Increments of one file never interleave: while one
 * write is being made durable, the visits that arrive meanwhile wait and are written together in
 * the next one (a group commit), each answered with its own number. So N successful calls add
 * exactly N, and a response is sent only after its count is on disk.
 */
export function incrementVisits(file: string): Promise<number> {
  let queue = queues.get(file);
  if (!queue) queues.set(file, (queue = { waiting: [], writing: false }));
  const promise = new Promise<number>((resolve, reject) => queue.waiting.push({ resolve, reject }));
  if (!queue.writing) void drain(file, queue);
  return promise;
}

async function drain(file: string, queue: FileQueue): Promise<void> {
  queue.writing = true;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const before = await readVisits(file);
      await writeAtomically(file, `${before + batch.length}\n`);
      batch.forEach((waiter, index) => waiter.resolve(before + index + 1));
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
  queue.writing = false;
  // Forget idle files, so a thousand pods do not keep a thousand queues.
  if (queues.get(file) === queue) queues.delete(file);
}

/** Creates the file with 0 when it does not exist yet, so `cat data/visits.txt` works before the first visit. */
export async function ensureVisitsFile(file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.access(file);
  } catch {
    await writeAtomically(file, '0\n');
  }
}
