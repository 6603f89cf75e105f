import { randomBytes } from 'node:crypto';

/**
 * The recent messages of one feed with cursor ids `<epoch>.<seq>`. A reconnecting EventSource sends
 * the last id it saw: if it belongs to this feed instance and is still in the window, the messages
 * after it are replayed and the page keeps its state; otherwise the page gets a fresh snapshot.
 */
export class MessageRing<M> {
  readonly epoch = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly entries: { seq: number; message: M }[] = [];

  constructor(private readonly capacity = 512) {}

  push(message: M): string {
    this.seq += 1;
    this.entries.push({ seq: this.seq, message });
    if (this.entries.length > this.capacity) this.entries.shift();
    return this.idOf(this.seq);
  }

  get currentId(): string {
    return this.idOf(this.seq);
  }

  idOf(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  /** Messages after `lastEventId`, or undefined when they cannot be replayed (other epoch, too old). */
  since(lastEventId: string | null): { id: string; message: M }[] | undefined {
    if (!lastEventId) return undefined;
    const [epoch, seqText] = lastEventId.split('.');
    if (epoch !== this.epoch || !/^\d+$/.test(seqText ?? '')) return undefined;
    const last = Number(seqText);
    if (last > this.seq) return undefined;
    if (last === this.seq) return [];
    const oldest = this.entries[0]?.seq ?? this.seq + 1;
    if (last + 1 < oldest) return undefined;
    return this.entries.filter((entry) => entry.seq > last).map((entry) => ({ id: this.idOf(entry.seq), message: entry.message }));
  }
}
