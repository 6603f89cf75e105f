import type { FileBacking, FileInfo } from './fileBacking';

/** volumeMount.subPath: the mount shows one directory of the volume instead of its root. */
export class SubPathBacking implements FileBacking {
  constructor(
    private readonly inner: FileBacking,
    private readonly prefix: string[],
  ) {}

  get readOnly(): boolean {
    return this.inner.readOnly;
  }

  stat(segments: string[]): Promise<FileInfo | undefined> {
    return this.inner.stat([...this.prefix, ...segments]);
  }
  readFile(segments: string[]): Promise<Buffer> {
    return this.inner.readFile([...this.prefix, ...segments]);
  }
  readDirectory(segments: string[]): Promise<FileInfo[]> {
    return this.inner.readDirectory([...this.prefix, ...segments]);
  }
  writeFile(segments: string[], data: string | Uint8Array, append: boolean): Promise<void> {
    return this.inner.writeFile([...this.prefix, ...segments], data, append);
  }
  makeDirectory(segments: string[]): Promise<void> {
    return this.inner.makeDirectory([...this.prefix, ...segments]);
  }
  hostDirectory(segments: string[]): Promise<string> {
    return this.inner.hostDirectory([...this.prefix, ...segments]);
  }
}
