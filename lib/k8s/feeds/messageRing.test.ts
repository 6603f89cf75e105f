import { describe, expect, it } from 'vitest';
import { MessageRing } from './messageRing';

describe('MessageRing', () => {
  it('replays what came after a known id, and nothing for the newest id', () => {
    const ring = new MessageRing<string>(10);
    const first = ring.push('a');
    ring.push('b');
    const third = ring.push('c');
    expect(ring.since(first)?.map((entry) => entry.message)).toEqual(['b', 'c']);
    expect(ring.since(third)).toEqual([]);
  });

  it('refuses ids of another feed instance, ids from the future and ids that fell out of the window', () => {
    const ring = new MessageRing<number>(3);
    const first = ring.push(1);
    for (let i = 2; i <= 6; i += 1) ring.push(i);
    expect(ring.since(first)).toBeUndefined();
    expect(ring.since(`${ring.epoch}.99`)).toBeUndefined();
    expect(ring.since(`other.3`)).toBeUndefined();
    expect(ring.since(null)).toBeUndefined();
    expect(ring.since(`${ring.epoch}.3`)?.map((entry) => entry.message)).toEqual([4, 5, 6]);
  });
});
