import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { FileBacking, FileInfo } from './fileBacking';
import { FileSystemError } from './fileSystemError';

/**
 * A host directory seen from inside a container (a PVC's PV directory, an emptyDir, the writable
 * layer). Segments never contain `..` (the virtual path was resolved first), and every component
 * on the way is checked with lstat: a symbolic link is refused rather than followed, so nothing
 * outside `root` is ever reached.
 */
export class HostDirectoryBacking implements FileBacking {
  constructor(
    readonly root: string,
    readonly readOnly: boolean,
  ) {}

  private async locate(segments: string[]): Promise<{ hostPath: string; stats: Stats | undefined }> {
    let current = this.root;
    let stats: Stats | undefined;
    const probe = [...segments];
    if (probe.length === 0) {
      stats = await lstatOrUndefined(current);
      if (stats?.isSymbolicLink()) throw new FileSystemError('ELOOP', current);
      return { hostPath: current, stats };
    }
    for (let index = 0; index < probe.length; index += 1) {
      const segment = probe[index];
      if (segment === '..' || segment === '.' || segment.includes('/') || segment.includes('\0')) throw new FileSystemError('ENOENT', segment);
      current = path.join(current, segment);
      stats = await lstatOrUndefined(current);
      if (stats?.isSymbolicLink()) throw new FileSystemError('ELOOP', current);
      if (!stats) {
        // The rest does not exist; the caller decides whether that is an error.
        const rest = probe.slice(index + 1);
        return { hostPath: rest.length ? path.join(current, ...rest) : current, stats: undefined };
      }
      if (index < probe.length - 1 && !stats.isDirectory()) throw new FileSystemError('ENOTDIR', current);
    }
    return { hostPath: current, stats };
  }

  async stat(segments: string[]): Promise<FileInfo | undefined> {
    const { stats } = await this.locate(segments);
    if (!stats) return undefined;
    return infoOf(segments[segments.length - 1] ?? '', stats, this.readOnly);
  }

  async readFile(segments: string[]): Promise<Buffer> {
    const { hostPath, stats } = await this.locate(segments);
    if (!stats) throw new FileSystemError('ENOENT', hostPath);
    if (stats.isDirectory()) throw new FileSystemError('EISDIR', hostPath);
    return fs.readFile(hostPath);
  }

  async readDirectory(segments: string[]): Promise<FileInfo[]> {
    const { hostPath, stats } = await this.locate(segments);
    if (!stats) throw new FileSystemError('ENOENT', hostPath);
    if (!stats.isDirectory()) throw new FileSystemError('ENOTDIR', hostPath);
    const names = await fs.readdir(hostPath);
    const entries: FileInfo[] = [];
    for (const name of names) {
      const entry = await lstatOrUndefined(path.join(hostPath, name));
      // Symbolic links and sockets are not part of the container's view.
      if (entry && (entry.isFile() || entry.isDirectory())) entries.push(infoOf(name, entry, this.readOnly));
    }
    return entries;
  }

  async writeFile(segments: string[], data: string | Uint8Array, append: boolean): Promise<void> {
    if (this.readOnly) throw new FileSystemError('EROFS', segments.join('/'));
    if (segments.length === 0) throw new FileSystemError('EISDIR', this.root);
    const parent = await this.locate(segments.slice(0, -1));
    if (!parent.stats) throw new FileSystemError('ENOENT', parent.hostPath);
    if (!parent.stats.isDirectory()) throw new FileSystemError('ENOTDIR', parent.hostPath);
    const { hostPath, stats } = await this.locate(segments);
    if (stats?.isDirectory()) throw new FileSystemError('EISDIR', hostPath);
    if (append) await fs.appendFile(hostPath, data);
    else await fs.writeFile(hostPath, data);
  }

  async makeDirectory(segments: string[]): Promise<void> {
    if (this.readOnly) throw new FileSystemError('EROFS', segments.join('/'));
    const parent = await this.locate(segments.slice(0, -1));
    if (!parent.stats) throw new FileSystemError('ENOENT', parent.hostPath);
    if (!parent.stats.isDirectory()) throw new FileSystemError('ENOTDIR', parent.hostPath);
    const { hostPath, stats } = await this.locate(segments);
    if (stats) throw new FileSystemError('EEXIST', hostPath);
    await fs.mkdir(hostPath);
  }

  async hostDirectory(segments: string[]): Promise<string> {
    let current: string[] = [];
    for (const segment of segments) {
      current = [...current, segment];
      const { hostPath, stats } = await this.locate(current);
      if (!stats) await fs.mkdir(hostPath);
      else if (!stats.isDirectory()) throw new FileSystemError('ENOTDIR', hostPath);
    }
    const { hostPath, stats } = await this.locate(segments);
    if (!stats) await fs.mkdir(hostPath, { recursive: true });
    return hostPath;
  }
}

async function lstatOrUndefined(hostPath: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(hostPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new FileSystemError('ENOTDIR', hostPath);
    throw error;
  }
}

function infoOf(name: string, stats: Stats, readOnly: boolean): FileInfo {
  return { name, type: stats.isDirectory() ? 'directory' : 'file', size: stats.isDirectory() ? 4096 : stats.size, modified: stats.mtime, readOnly };
}
