import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContainerLog } from './containerLog';
import { openLogStream } from './logStream';

function collect(stream: ReturnType<typeof openLogStream>): Promise<string[]> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    stream.onLine((line) => lines.push(line));
    stream.onEnd(() => resolve(lines));
  });
}

describe('container logs', () => {
  it('tails, prefixes timestamps and stops at limitBytes', async () => {
    const log = new ContainerLog(undefined);
    for (let index = 1; index <= 5; index += 1) log.write(`line ${index}`);
    expect(await collect(openLogStream(log, { follow: false, timestamps: false, tailLines: 2 }))).toEqual(['line 4\n', 'line 5\n']);
    const stamped = await collect(openLogStream(log, { follow: false, timestamps: true, tailLines: 1 }));
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 5\n$/);
    expect((await collect(openLogStream(log, { follow: false, timestamps: false, limitBytes: 10 }))).join('')).toBe('line 1\nlin');
    expect(await collect(openLogStream(log, { follow: false, timestamps: false, sinceSeconds: 60 }))).toHaveLength(5);
  });

  it('follows new lines until the container stops', async () => {
    const log = new ContainerLog(undefined);
    log.write('before');
    const lines = collect(openLogStream(log, { follow: true, timestamps: false }));
    log.write('after');
    log.end();
    expect(await lines).toEqual(['before\n', 'after\n']);
  });

  it('persists lines in the CRI format and reads them back', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'container-log-'));
    try {
      const file = path.join(directory, 'web', '0.log');
      const log = new ContainerLog(file);
      log.write('first\nsecond');
      log.end();
      await log.flush();
      const loaded = ContainerLog.load(file);
      expect(loaded?.snapshot().map((line) => line.text)).toEqual(['first', 'second']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
