import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The visit count as a plain integer in a file (`data/visits.txt`), as the seed's apps kept it.
 *
 * Increments of one file are serialized inside this process (a promise chain per file), and each
 * new value is written to a temporary file, flushed to disk and renamed over the old one, so a
 * crash leaves either the old or the new number, never a torn file. Only node: built-ins are used
 * because the standalone server is bundled on its own (see the Dockerfile).
 */

const pendingByFile = new Map<string, Promise<unknown>>();
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

/** Adds one visit and answers the new count. Concurrent calls for one file never lose an increment. */
export function incrementVisits(file: string): Promise<number> {
  const previous = pendingByFile.get(file) ?? Promise.resolve();
  const next = previous.then(
    () => incrementNow(file),
    () => incrementNow(file),
  );
  pendingByFile.set(file, next);
  // Forget the chain once it is idle, so a thousand pods do not keep a thousand settled promises.
  void next.finally(() => {
    if (pendingByFile.get(file) === next) pendingByFile.delete(file);
  }).catch(() => undefined);
  return next;
}

async function incrementNow(file: string): Promise<number> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const value = (await readVisits(file)) + 1;
  await writeAtomically(file, `${value}\n`);
  return value;
}
