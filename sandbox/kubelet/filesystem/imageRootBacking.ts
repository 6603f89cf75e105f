import type { FileBacking, FileInfo } from './fileBacking';
import { FileSystemError } from './fileSystemError';
import { HostDirectoryBacking } from './hostDirectoryBacking';

/**
 * The container's root: the image's read-only files with a writable layer on top (a host
 * directory the kubelet wipes when the container restarts), like an overlay file system. Reads
 * look in the layer first; writes always go to the layer.
 */
export class ImageRootBacking implements FileBacking {
  readonly readOnly = false;
  private readonly layer: HostDirectoryBacking;
  private readonly imageDirectories = new Set<string>(['']);

  constructor(
    private readonly imageFiles: ReadonlyMap<string, string>,
    layerDirectory: string,
    private readonly imageCreated: Date,
  ) {
    this.layer = new HostDirectoryBacking(layerDirectory, false);
    for (const file of imageFiles.keys()) {
      const parts = file.split('/').filter(Boolean);
      // A key ending in "/" is an empty directory of the image (/tmp/, /home/node/).
      const last = file.endsWith('/') ? parts.length : parts.length - 1;
      for (let index = 1; index <= last; index += 1) this.imageDirectories.add(parts.slice(0, index).join('/'));
    }
  }

  private imageStat(segments: string[]): FileInfo | undefined {
    const key = segments.join('/');
    const name = segments[segments.length - 1] ?? '';
    const content = this.imageFiles.get(`/${key}`);
    if (content !== undefined) return { name, type: 'file', size: Buffer.byteLength(content), modified: this.imageCreated, readOnly: false };
    if (this.imageDirectories.has(key)) return { name, type: 'directory', size: 4096, modified: this.imageCreated, readOnly: false };
    return undefined;
  }

  async stat(segments: string[]): Promise<FileInfo | undefined> {
    return (await this.layer.stat(segments)) ?? this.imageStat(segments);
  }

  async readFile(segments: string[]): Promise<Buffer> {
    if (await this.layer.stat(segments)) return this.layer.readFile(segments);
    const info = this.imageStat(segments);
    if (!info) throw new FileSystemError('ENOENT', segments.join('/'));
    if (info.type === 'directory') throw new FileSystemError('EISDIR', segments.join('/'));
    return Buffer.from(this.imageFiles.get(`/${segments.join('/')}`) ?? '');
  }

  async readDirectory(segments: string[]): Promise<FileInfo[]> {
    const entries = new Map<string, FileInfo>();
    const imageInfo = this.imageStat(segments);
    if (imageInfo?.type === 'directory') {
      const prefix = segments.length ? `/${segments.join('/')}/` : '/';
      for (const [file, content] of this.imageFiles) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length).split('/');
        const name = rest[0];
        if (!name) continue;
        entries.set(name, rest.length === 1 ? { name, type: 'file', size: Buffer.byteLength(content), modified: this.imageCreated, readOnly: false } : { name, type: 'directory', size: 4096, modified: this.imageCreated, readOnly: false });
      }
    }
    const layerInfo = await this.layer.stat(segments);
    if (layerInfo?.type === 'directory') for (const entry of await this.layer.readDirectory(segments)) entries.set(entry.name, entry);
    if (!imageInfo && !layerInfo) throw new FileSystemError('ENOENT', segments.join('/'));
    if ((layerInfo ?? imageInfo)?.type !== 'directory') throw new FileSystemError('ENOTDIR', segments.join('/'));
    return [...entries.values()];
  }

  /** Makes the image's directories on the way to `segments` exist in the layer (copy-up of directories). */
  private async copyUpDirectories(segments: string[]): Promise<void> {
    for (let index = 1; index <= segments.length; index += 1) {
      const prefix = segments.slice(0, index);
      if (await this.layer.stat(prefix)) continue;
      const info = this.imageStat(prefix);
      if (!info) throw new FileSystemError('ENOENT', prefix.join('/'));
      if (info.type !== 'directory') throw new FileSystemError('ENOTDIR', prefix.join('/'));
      await this.layer.makeDirectory(prefix);
    }
  }

  async writeFile(segments: string[], data: string | Uint8Array, append: boolean): Promise<void> {
    await this.copyUpDirectories(segments.slice(0, -1));
    const inImage = this.imageStat(segments);
    if (inImage?.type === 'directory') throw new FileSystemError('EISDIR', segments.join('/'));
    if (append && inImage && !(await this.layer.stat(segments))) {
      // Copy-up of the file itself before appending to it.
      await this.layer.writeFile(segments, this.imageFiles.get(`/${segments.join('/')}`) ?? '', false);
    }
    await this.layer.writeFile(segments, data, append);
  }

  async makeDirectory(segments: string[]): Promise<void> {
    if (await this.stat(segments)) throw new FileSystemError('EEXIST', segments.join('/'));
    await this.copyUpDirectories(segments.slice(0, -1));
    await this.layer.makeDirectory(segments);
  }

  async hostDirectory(segments: string[]): Promise<string> {
    return this.layer.hostDirectory(segments);
  }
}
