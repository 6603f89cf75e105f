import { StringDecoder } from 'node:string_decoder';

/** Text a command reads: chunks until `null` (end of input). */
export interface InputSource {
  read(): Promise<string | null>;
}

export const emptyInput: InputSource = { read: async () => null };

/** A fixed text, e.g. the output of the previous command in a pipeline. */
export function stringInput(text: string): InputSource {
  let done = false;
  return {
    async read() {
      if (done || text === '') return null;
      done = true;
      return text;
    },
  };
}

/** Reads an input to its end. */
export async function readAll(input: InputSource, signal?: AbortSignal): Promise<string> {
  let text = '';
  for (;;) {
    if (signal?.aborted) return text;
    const chunk = await input.read();
    if (chunk === null) return text;
    text += chunk;
  }
}

/**
 * The exec session's stdin as it arrives over the wire: chunks are queued until read, `null`
 * marks the end. An optional interrupt hook sees Ctrl-C while a command runs on a terminal.
 */
export class StreamInput implements InputSource {
  private readonly queue: Array<string | null> = [];
  private waiting: ((chunk: string | null) => void) | undefined;
  private ended = false;
  private readonly decoder = new StringDecoder('utf8');
  /** When set and it returns true, the chunk was consumed as an interrupt. */
  interceptor: ((chunk: string) => boolean) | undefined;

  push(data: Uint8Array | null): void {
    if (this.ended) return;
    let chunk: string | null;
    if (data === null) {
      this.ended = true;
      chunk = null;
    } else {
      chunk = this.decoder.write(Buffer.from(data));
      if (chunk === '') return;
      if (this.interceptor?.(chunk)) return;
    }
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(chunk);
    } else this.queue.push(chunk);
  }

  read(): Promise<string | null> {
    if (this.queue.length > 0) {
      const chunk = this.queue.shift() as string | null;
      if (chunk === null) this.queue.unshift(null);
      return Promise.resolve(chunk);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Ends a pending read (the client went away). */
  close(): void {
    this.push(null);
  }
}
