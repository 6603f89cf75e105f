import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/sandbox';

/**
 * The dashboard process when whoever reads its output goes away (the terminal closed, the program
 * that started it ended): it keeps serving and stays idle. Before, each log line failed with EPIPE,
 * Next.js logged the failure, which failed again, and the loop kept a whole core busy.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const built = existsSync(path.join(root, '.next', 'BUILD_ID'));
if (!built) console.log('skipping the closed-output test: no production build (.next/BUILD_ID); `next build` makes one');

/** CPU time (user + system) of a process so far, in clock ticks (100 a second on Linux). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false; // gone while we looked
      }
    })
    .map(Number);
}

describe.skipIf(!built || process.platform !== 'linux')('server.ts without anyone reading its output', () => {
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-closed-output-'));
  afterAll(() => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering and stays idle while it logs its sandbox going away', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server.ts')], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', CLUSTER: 'sandbox', SANDBOX_DIR: dir, SANDBOX_PORT: '0', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the test can end it together with the sandbox it starts.
      detached: true,
    });
    const pid = child.pid ?? 0;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('StatefulSet Explorer on')) resolve();
      };
      child?.stdout?.on('data', onData);
      child?.stderr?.on('data', onData);
      child?.once('exit', (code) => reject(new Error(`server.ts exited (${code}): ${output}`)));
    });

    // Nobody reads the output any more; then the sandbox dies, which the server logs (and restarts it).
    child.stdout?.destroy();
    child.stderr?.destroy();
    for (const sandboxPid of childrenOf(pid)) process.kill(sandboxPid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const before = cpuTicks(pid);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const used = cpuTicks(pid) - before;
    // A busy loop spends ~300 ticks in 3 s; restarting the sandbox and idling take a few.
    expect(used).toBeLessThan(100);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });
});
