import { httpGet } from '../../../test/support/httpGet';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/sandbox';
import { startVisitsServer } from './inProcessServer';
import { moscowTime } from './moscowTime';
import { incrementVisits, readVisits } from './visitsCounter';

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'visits-app-'));
  directories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** GETs with a pool of keep-alive connections, `concurrency` requests in flight at any time. */
async function hammer(port: number, host: string, total: number, concurrency: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          http.get({ host, port, path: '/', agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          }).on('error', reject);
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return statuses;
}


describe('visits counter', () => {
  it('never loses an increment among 300 concurrent ones and leaves no temporary file', async () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'visits.txt');
    const results = await Promise.all(Array.from({ length: 300 }, () => incrementVisits(file)));
    expect(await readVisits(file)).toBe(300);
    expect(new Set(results).size).toBe(300);
    expect(readFileSync(file, 'utf8')).toBe('300\n');
    expect(readdirSync(directory)).toEqual(['visits.txt']);
  });

  it('counts a missing file as 0', async () => {
    expect(await readVisits(path.join(temporaryDirectory(), 'absent.txt'))).toBe(0);
  });
});

describe('visits app over HTTP (in-process server)', () => {
  it('adds exactly N for N successful responses at 32 concurrent connections, logging one line each', async () => {
    const dataDir = temporaryDirectory();
    const lines: string[] = [];
    const port = await freePort();
    const server = await startVisitsServer({ host: '127.0.0.1', port, dataDir, hostname: 'web-0', version: '2.0', healthy: true, log: (line) => lines.push(line) });
    try {
      const statuses = await hammer(port, '127.0.0.1', 400, 32);
      const ok = statuses.filter((status) => status === 200).length;
      expect(ok).toBe(400);
      expect(Number(readFileSync(path.join(dataDir, 'visits.txt'), 'utf8'))).toBe(ok);
      expect((await httpGet('127.0.0.1', port, '/visits')).body).toBe('400\n');
      expect(lines.filter((line) => line.includes('"GET / HTTP/1.1" 200'))).toHaveLength(400);
      const health = await httpGet('127.0.0.1', port, '/healthcheck');
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ status: 'ok', version: '2.0' });
      const page = await httpGet('127.0.0.1', port, '/');
      expect(page.body).toContain('Current time in Moscow');
      expect(page.body).toContain('version <b id="version">2.0</b>');
      expect(page.body).toContain('web-0');
    } finally {
      await server.stop(1000);
    }
  });

  it('the broken variant serves pages but answers /healthcheck with 503', async () => {
    const port = await freePort();
    const server = await startVisitsServer({ host: '127.0.0.1', port, dataDir: temporaryDirectory(), hostname: 'web-0', version: 'broken', healthy: false, log: () => undefined });
    try {
      expect((await httpGet('127.0.0.1', port, '/')).status).toBe(200);
      expect((await httpGet('127.0.0.1', port, '/healthcheck')).status).toBe(503);
    } finally {
      await server.stop(1000);
    }
  });

  it('shows Moscow time as UTC+3', () => {
    expect(moscowTime(new Date('2026-01-01T22:30:05Z'))).toBe('2026-01-02 01:30:05');
  });
});

describe('standalone server', () => {
  it('runs as its own process with PORT, DATA_DIR and APP_VERSION, and stops on SIGTERM', async () => {
    const dataDir = temporaryDirectory();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'standalone.ts')], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, APP_VERSION: '2.0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`standalone server did not start: ${output}`)), 30_000);
        child.stdout.on('data', () => {
          if (output.includes('listening')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect((await httpGet('127.0.0.1', port, '/')).status).toBe(200);
      expect((await httpGet('127.0.0.1', port, '/')).status).toBe(200);
      expect(JSON.parse((await httpGet('127.0.0.1', port, '/healthcheck')).body).version).toBe('2.0');
      expect(readFileSync(path.join(dataDir, 'visits.txt'), 'utf8')).toBe('2\n');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    expect(output).toContain('"GET / HTTP/1.1" 200');
  });
});
