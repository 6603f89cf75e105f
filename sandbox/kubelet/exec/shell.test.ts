import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerFileSystem } from '../filesystem/containerFileSystem';
import { HostDirectoryBacking } from '../filesystem/hostDirectoryBacking';
import { ImageRootBacking } from '../filesystem/imageRootBacking';
import { KeyFilesBacking } from '../filesystem/keyFilesBacking';
import type { ExecIO } from '../runtimeInterface';
import type { ShellState } from './commandContext';
import { runExecSession } from './execSession';
import { parseScript, ShellSyntaxError } from './shellSyntax';

let root: string;
let shell: ShellState;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sandbox-shell-'));
  const volume = path.join(root, 'pvc');
  mkdirSync(volume);
  mkdirSync(path.join(root, 'layer'));
  writeFileSync(path.join(volume, 'visits.txt'), '22\n');
  const fs = new ContainerFileSystem('/app', new ImageRootBacking(new Map([['/app/server.mjs', 'a\nb\nc\n']]), path.join(root, 'layer'), new Date(0)), [
    { path: '/app/data', backing: new HostDirectoryBacking(volume, false), readOnly: false },
    { path: '/app/config_map', backing: new KeyFilesBacking(() => new Map([['env-var', Buffer.from('hello')]])), readOnly: false },
  ]);
  shell = { fs, env: new Map([['PATH', '/bin'], ['HOSTNAME', 'web-0'], ['MY_PASSWORD', 's3cret']]), cwd: '/app', hostname: 'web-0', lastStatus: 0, positional: ['sh'] };
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A fake wire end: collects output, lets the test type on stdin. */
function wire() {
  const out: string[] = [];
  const err: string[] = [];
  let stdin: (data: Uint8Array | null) => void = () => undefined;
  let close: () => void = () => undefined;
  const io: ExecIO = {
    writeStdout: (data) => out.push(typeof data === 'string' ? data : Buffer.from(data).toString()),
    writeStderr: (data) => err.push(typeof data === 'string' ? data : Buffer.from(data).toString()),
    onStdin: (listener) => (stdin = listener),
    onResize: () => undefined,
    onClose: (listener) => (close = listener),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join(''), type: (text: string) => stdin(Buffer.from(text)), end: () => stdin(null), close: () => close() };
}

async function exec(command: string[], options: { stdin?: string } = {}) {
  const session = wire();
  const running = runExecSession({ command, stdin: options.stdin !== undefined, tty: false, shell }, session.io);
  if (options.stdin !== undefined) {
    session.type(options.stdin);
    session.end();
  }
  const exitCode = await running;
  return { exitCode, stdout: session.stdout(), stderr: session.stderr() };
}

describe('exec built-ins', () => {
  it('cat reads the volume through the working directory, as the seed does', async () => {
    expect(await exec(['cat', 'data/visits.txt'])).toEqual({ exitCode: 0, stdout: '22\n', stderr: '' });
    expect(await exec(['/bin/cat', '/app/data/visits.txt'])).toMatchObject({ stdout: '22\n' });
  });

  it('an unknown command fails like runc: exit 126 and the OCI message', async () => {
    const result = await exec(['foo']);
    expect(result.exitCode).toBe(126);
    expect(result.stderr).toContain('OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown');
    expect((await exec(['bash'])).exitCode).toBe(126);
  });

  it('sh -c runs ; && || | with quoting and $VAR expansion', async () => {
    expect((await exec(['sh', '-c', 'echo "pw=$MY_PASSWORD" && echo \'$HOME literal\'; false || echo fallback'])).stdout).toBe('pw=s3cret\n$HOME literal\nfallback\n');
    expect((await exec(['sh', '-c', 'cat server.mjs | wc -l'])).stdout).toBe('3\n');
    expect((await exec(['sh', '-c', 'cat server.mjs | head -n 2 | tail -n 1'])).stdout).toBe('b\n');
    expect((await exec(['sh', '-c', 'false; echo $?'])).stdout).toBe('1\n');
    expect((await exec(['sh', '-c', 'X=1; echo ${X}2 "$X"'])).stdout).toBe('12 1\n');
    expect((await exec(['sh', '-c', 'exit 3'])).exitCode).toBe(3);
  });

  it('sh -c reports unknown commands as sh does (127)', async () => {
    const result = await exec(['sh', '-c', 'nope arg']);
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe('sh: nope: not found\n');
  });

  it('redirections write through the file system, never to read-only mounts', async () => {
    expect((await exec(['sh', '-c', 'echo 5 > data/visits.txt; echo 6 >> data/visits.txt; cat data/visits.txt'])).stdout).toBe('5\n6\n');
    const readOnly = await exec(['sh', '-c', 'echo x > config_map/env-var']);
    expect(readOnly.exitCode).toBe(1);
    expect(readOnly.stderr).toContain("can't create config_map/env-var: Read-only file system");
    expect((await exec(['sh', '-c', 'cat missing 2>&1'])).stdout).toBe("cat: can't open 'missing': No such file or directory\n");
  });

  it('ls, pwd, hostname, printenv, env, mkdir, touch, wc, date, true, sleep', async () => {
    expect((await exec(['ls'])).stdout).toBe('config_map\ndata\nserver.mjs\n');
    expect((await exec(['ls', 'nothing'])).stderr).toBe('ls: nothing: No such file or directory\n');
    expect((await exec(['pwd'])).stdout).toBe('/app\n');
    expect((await exec(['hostname'])).stdout).toBe('web-0\n');
    expect((await exec(['printenv', 'HOSTNAME'])).stdout).toBe('web-0\n');
    expect((await exec(['printenv', 'NOPE'])).exitCode).toBe(1);
    expect((await exec(['env'])).stdout).toContain('MY_PASSWORD=s3cret\n');
    expect((await exec(['sh', '-c', 'mkdir -p /tmp/x/y && touch /tmp/x/y/f && ls /tmp/x/y'])).stdout).toBe('f\n');
    expect((await exec(['wc', '-l', 'server.mjs'])).stdout.trim()).toBe('3 server.mjs');
    expect((await exec(['date', '+%Y'])).stdout).toBe(`${new Date().getUTCFullYear()}\n`);
    expect((await exec(['true'])).exitCode).toBe(0);
    expect((await exec(['false'])).exitCode).toBe(1);
    expect((await exec(['sleep', '0.01'])).exitCode).toBe(0);
    expect((await exec(['sh', '-c', 'cd data && pwd && cat visits.txt'])).stdout).toBe('/app/data\n22\n');
    expect((await exec(['sh', '-c', 'ls data/*.txt'])).stdout).toBe('data/visits.txt\n');
  });

  it('grep filters lines from a pipe or files', async () => {
    expect((await exec(['sh', '-c', 'env | grep -c PASSWORD'])).stdout).toBe('1\n');
    expect((await exec(['sh', '-c', 'grep -n b server.mjs'])).stdout).toBe('2:b\n');
    expect((await exec(['grep', 'zzz', 'server.mjs'])).exitCode).toBe(1);
  });

  it('cat and sh read stdin when asked to', async () => {
    expect((await exec(['cat'], { stdin: 'piped\n' })).stdout).toBe('piped\n');
    expect((await exec(['sh'], { stdin: 'echo one\necho two\n' })).stdout).toBe('one\ntwo\n');
  });

  it('parses and rejects shell syntax like busybox', () => {
    expect(parseScript('a | b && c; d')).toHaveLength(2);
    expect(() => parseScript('echo "open')).toThrow(ShellSyntaxError);
    expect(() => parseScript('| a')).toThrow('syntax error: unexpected |');
  });
});

describe('interactive sh on a terminal', () => {
  it('prompts, edits the line, runs commands and exits on `exit`', async () => {
    const session = wire();
    const running = runExecSession({ command: ['sh'], stdin: true, tty: true, shell }, session.io);
    session.type('echo helo');
    session.type('\x7f');
    session.type('lo\r');
    await new Promise((resolve) => setTimeout(resolve, 20));
    session.type('cat data/visits.txt\r');
    await new Promise((resolve) => setTimeout(resolve, 20));
    session.type('exit 4\r');
    expect(await running).toBe(4);
    const screen = session.stdout();
    expect(screen.startsWith('/app $ ')).toBe(true);
    expect(screen).toContain('\b \b');
    expect(screen).toContain('hello\r\n');
    expect(screen).toContain('22\r\n/app $ ');
  });

  it('Ctrl-C interrupts a running command and the shell ends at end of input', async () => {
    const session = wire();
    const running = runExecSession({ command: ['/bin/sh'], stdin: true, tty: true, shell }, session.io);
    session.type('sleep 100\r');
    await new Promise((resolve) => setTimeout(resolve, 30));
    session.type('\x03');
    await new Promise((resolve) => setTimeout(resolve, 30));
    session.end();
    expect(await running).toBe(130);
    expect(session.stdout()).toContain('^C\r\n/app $ ');
  });
});
