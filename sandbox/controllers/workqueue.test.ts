import { describe, expect, it } from 'vitest';
import { runWorkers, WorkQueue } from './workqueue';

describe('WorkQueue', () => {
  it('queues a key once and hands it out in order', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never gives a key in progress to a second worker, and requeues it if it changed meanwhile', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0);
    queue.done(key ?? '');
    expect(queue.length).toBe(1);
  });

  it('backs off exponentially per key and forgets on success', () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 50 });
    expect([0, 1, 2, 3].map((failures) => queue.retryDelay(failures))).toEqual([10, 20, 40, 50]);
    queue.addRateLimited('a');
    queue.addRateLimited('a');
    expect(queue.failureCount('a')).toBe(2);
    queue.forget('a');
    expect(queue.failureCount('a')).toBe(0);
    queue.shutDown();
  });

  it('runs a sync again after a failure and after a requested delay', async () => {
    const queue = new WorkQueue({ baseDelayMs: 1 });
    const calls: string[] = [];
    let attempts = 0;
    const done = runWorkers(
      queue,
      1,
      async (key) => {
        calls.push(key);
        attempts++;
        if (attempts === 1) throw new Error('first try fails');
        if (attempts === 2) return { requeueAfterMs: 2 };
        queue.shutDown();
      },
      () => undefined,
    );
    queue.add('x');
    await done;
    expect(calls).toEqual(['x', 'x', 'x']);
  });
});
