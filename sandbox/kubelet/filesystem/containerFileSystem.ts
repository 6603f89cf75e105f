import type { FileBacking, FileInfo } from './fileBacking';
import { FileSystemError } from './fileSystemError';
import { relativeInside, resolveVirtualPath } from './virtualPath';

/** One volumeMount as the container sees it. */
export interface Mount {
  /** Absolute path in the container, normalized. */
  path: string;
  backing: FileBacking;
  /** volumeMount.readOnly: writes fail even when the backing could take them. */
  readOnly: boolean;
}

/**
 * A container's file system view: absolute paths map to the deepest mount that contains them, or
 * to the image root (image files + writable layer). Every operation resolves the path as a string
 * first, so `..` and absolute paths cannot leave the view.
 */
export class ContainerFileSystem {
  private readonly mounts: Mount[];

  constructor(
    readonly workingDir: string,
    private readonly root: FileBacking,
    mounts: Mount[],
  ) {
    // Deepest first, so /app/data wins over /app.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  resolve(target: string, cwd: string = this.workingDir): string {
    return resolveVirtualPath(cwd, target);
  }

  private locate(absolute: string): { backing: FileBacking; segments: string[]; readOnly: boolean } {
    for (const mount of this.mounts) {
      const segments = relativeInside(mount.path, absolute);
      if (segments) return { backing: mount.backing, segments, readOnly: mount.readOnly || mount.backing.readOnly };
    }
    return { backing: this.root, segments: relativeInside('/', absolute) ?? [], readOnly: false };
  }

  /** Mount points directly below `absolute`, which `ls` shows even where the image has no such directory. */
  private mountChildren(absolute: string): string[] {
    const names = new Set<string>();
    for (const mount of this.mounts) {
      const segments = relativeInside(absolute, mount.path);
      if (segments && segments.length > 0) names.add(segments[0]);
    }
    return [...names];
  }

  async stat(target: string, cwd?: string): Promise<FileInfo | undefined> {
    const absolute = this.resolve(target, cwd);
    const { backing, segments, readOnly } = this.locate(absolute);
    const info = await backing.stat(segments);
    const name = absolute === '/' ? '/' : absolute.slice(absolute.lastIndexOf('/') + 1);
    if (info) return { ...info, name, readOnly: info.readOnly || readOnly };
    if (this.mountChildren(absolute).length > 0) return { name, type: 'directory', size: 4096, modified: new Date(0), readOnly: true };
    return undefined;
  }

  async readFile(target: string, cwd?: string): Promise<Buffer> {
    const { backing, segments } = this.locate(this.resolve(target, cwd));
    return backing.readFile(segments);
  }

  async readDirectory(target: string, cwd?: string): Promise<FileInfo[]> {
    const absolute = this.resolve(target, cwd);
    const { backing, segments } = this.locate(absolute);
    const children = this.mountChildren(absolute);
    let entries: FileInfo[] = [];
    try {
      entries = await backing.readDirectory(segments);
    } catch (error) {
      if (!(error instanceof FileSystemError && error.code === 'ENOENT' && children.length > 0)) throw error;
    }
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    for (const child of children) {
      const info = await this.stat(`${absolute === '/' ? '' : absolute}/${child}`);
      if (info) byName.set(child, { ...info, name: child });
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async writeFile(target: string, data: string | Uint8Array, options: { append?: boolean; cwd?: string } = {}): Promise<void> {
    const absolute = this.resolve(target, options.cwd);
    const { backing, segments, readOnly } = this.locate(absolute);
    if (readOnly) throw new FileSystemError('EROFS', absolute);
    await backing.writeFile(segments, data, options.append ?? false);
  }

  async makeDirectory(target: string, options: { parents?: boolean; cwd?: string } = {}): Promise<void> {
    const absolute = this.resolve(target, options.cwd);
    if (options.parents) {
      const parts = absolute.split('/').filter(Boolean);
      for (let index = 1; index <= parts.length; index += 1) {
        const prefix = `/${parts.slice(0, index).join('/')}`;
        const info = await this.stat(prefix);
        if (info?.type === 'directory') continue;
        if (info) throw new FileSystemError('ENOTDIR', prefix);
        await this.makeDirectory(prefix);
      }
      return;
    }
    const { backing, segments, readOnly } = this.locate(absolute);
    if (segments.length === 0 || (await this.stat(absolute))) throw new FileSystemError('EEXIST', absolute);
    if (readOnly) throw new FileSystemError('EROFS', absolute);
    await backing.makeDirectory(segments);
  }

  /** The host directory behind a container directory (created if needed), for in-process apps. */
  async hostDirectory(target: string): Promise<string> {
    const absolute = this.resolve(target);
    const { backing, segments, readOnly } = this.locate(absolute);
    if (readOnly) throw new FileSystemError('EROFS', absolute);
    return backing.hostDirectory(segments);
  }
}
