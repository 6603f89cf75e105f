import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerFileSystem } from './containerFileSystem';
import { HostDirectoryBacking } from './hostDirectoryBacking';
import { ImageRootBacking } from './imageRootBacking';
import { KeyFilesBacking } from './keyFilesBacking';

let root: string;
let volume: string;
let layer: string;
let outside: string;
let fs: ContainerFileSystem;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'container-fs-'));
  volume = path.join(root, 'volumes', 'pvc-1');
  layer = path.join(root, 'layer');
  outside = path.join(root, 'secret-on-host.txt');
  mkdirSync(volume, { recursive: true });
  mkdirSync(layer, { recursive: true });
  writeFileSync(outside, 'host secret');
  writeFileSync(path.join(volume, 'visits.txt'), '7\n');
  const image = new Map([
    ['/app/server.mjs', 'console.log(1)\n'],
    ['/etc/os-release', 'ID=alpine\n'],
    ['/tmp/', ''],
  ]);
  fs = new ContainerFileSystem('/app', new ImageRootBacking(image, layer, new Date(0)), [
    { path: '/app/data', backing: new HostDirectoryBacking(volume, false), readOnly: false },
    { path: '/app/config_map', backing: new KeyFilesBacking(() => new Map([['env-var', Buffer.from('from configmap')]])), readOnly: false },
  ]);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('container file system', () => {
  it('maps relative paths through the working directory onto the PVC directory', async () => {
    expect((await fs.readFile('data/visits.txt')).toString()).toBe('7\n');
    expect((await fs.readFile('/app/data/visits.txt')).toString()).toBe('7\n');
    await fs.writeFile('data/visits.txt', '8\n');
    expect(readFileSync(path.join(volume, 'visits.txt'), 'utf8')).toBe('8\n');
  });

  it('lists image files together with mount points', async () => {
    const names = (await fs.readDirectory('/app')).map((entry) => entry.name);
    expect(names).toEqual(['config_map', 'data', 'server.mjs']);
    expect((await fs.readDirectory('/')).map((entry) => entry.name)).toEqual(['app', 'etc', 'tmp']);
    expect(await fs.readDirectory('/tmp')).toEqual([]);
  });

  it('serves configMap keys as read-only files', async () => {
    expect((await fs.readFile('config_map/env-var')).toString()).toBe('from configmap');
    await expect(fs.writeFile('config_map/env-var', 'x')).rejects.toMatchObject({ code: 'EROFS' });
  });

  it('keeps every path inside the container, however many .. it has', async () => {
    expect(fs.resolve('../../../../etc/os-release')).toBe('/etc/os-release');
    expect((await fs.readFile('data/../../../../../etc/os-release')).toString()).toBe('ID=alpine\n');
    await expect(fs.readFile(`../../..${outside}`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses symbolic links instead of following them out of a volume', async () => {
    symlinkSync(outside, path.join(volume, 'escape'));
    symlinkSync(root, path.join(volume, 'escape-dir'));
    await expect(fs.readFile('data/escape')).rejects.toMatchObject({ code: 'ELOOP' });
    await expect(fs.readFile('data/escape-dir/secret-on-host.txt')).rejects.toMatchObject({ code: 'ELOOP' });
    await expect(fs.writeFile('data/escape', 'overwrite')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(readFileSync(outside, 'utf8')).toBe('host secret');
    expect((await fs.readDirectory('data')).map((entry) => entry.name)).toEqual(['visits.txt']);
  });

  it('writes outside volumes go to the writable layer, over the image', async () => {
    await fs.writeFile('/app/server.mjs', 'changed\n');
    await fs.writeFile('/tmp/direct.txt', 'in an empty image directory');
    await fs.makeDirectory('/tmp/a/b', { parents: true });
    await fs.writeFile('/tmp/a/b/note.txt', 'hello', {});
    expect(readFileSync(path.join(layer, 'app', 'server.mjs'), 'utf8')).toBe('changed\n');
    expect((await fs.readFile('/app/server.mjs')).toString()).toBe('changed\n');
    expect(existsSync(path.join(layer, 'tmp', 'a', 'b', 'note.txt'))).toBe(true);
    await expect(fs.makeDirectory('/tmp/a')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(fs.readFile('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.readFile('/app')).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('gives in-process apps a real host directory behind a container path', async () => {
    expect(await fs.hostDirectory('/app/data')).toBe(volume);
    expect(await fs.hostDirectory('/var/cache/app')).toBe(path.join(layer, 'var', 'cache', 'app'));
  });
});
