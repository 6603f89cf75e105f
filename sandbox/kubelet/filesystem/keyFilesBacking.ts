import type { FileBacking, FileInfo } from './fileBacking';
import { FileSystemError } from './fileSystemError';

/**
 * A configMap or secret volume: one read-only file per key (or per `items[]` path). The content is
 * read from the cluster at each access, so an edited ConfigMap shows up in the container as it
 * eventually does on a real node.
 */
export class KeyFilesBacking implements FileBacking {
  readonly readOnly = true;

  constructor(
    private readonly readFiles: () => Map<string, Buffer>,
    private readonly created: Date = new Date(),
  ) {}

  private tree(): { files: Map<string, Buffer>; directories: Set<string> } {
    const files = this.readFiles();
    const directories = new Set<string>(['']);
    for (const key of files.keys()) {
      const parts = key.split('/');
      for (let index = 1; index < parts.length; index += 1) directories.add(parts.slice(0, index).join('/'));
    }
    return { files, directories };
  }

  async stat(segments: string[]): Promise<FileInfo | undefined> {
    const { files, directories } = this.tree();
    const key = segments.join('/');
    const name = segments[segments.length - 1] ?? '';
    const file = files.get(key);
    if (file) return { name, type: 'file', size: file.length, modified: this.created, readOnly: true };
    if (directories.has(key)) return { name, type: 'directory', size: 4096, modified: this.created, readOnly: true };
    return undefined;
  }

  async readFile(segments: string[]): Promise<Buffer> {
    const { files, directories } = this.tree();
    const key = segments.join('/');
    const file = files.get(key);
    if (file) return file;
    throw new FileSystemError(directories.has(key) ? 'EISDIR' : 'ENOENT', key);
  }

  async readDirectory(segments: string[]): Promise<FileInfo[]> {
    const { files, directories } = this.tree();
    const prefix = segments.length ? `${segments.join('/')}/` : '';
    if (!directories.has(segments.join('/'))) throw new FileSystemError(files.has(segments.join('/')) ? 'ENOTDIR' : 'ENOENT', prefix);
    const entries = new Map<string, FileInfo>();
    for (const [key, content] of files) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length).split('/');
      const name = rest[0];
      if (rest.length === 1) entries.set(name, { name, type: 'file', size: content.length, modified: this.created, readOnly: true });
      else entries.set(name, { name, type: 'directory', size: 4096, modified: this.created, readOnly: true });
    }
    return [...entries.values()];
  }

  async writeFile(segments: string[]): Promise<void> {
    throw new FileSystemError('EROFS', segments.join('/'));
  }

  async makeDirectory(segments: string[]): Promise<void> {
    throw new FileSystemError('EROFS', segments.join('/'));
  }

  async hostDirectory(segments: string[]): Promise<string> {
    throw new FileSystemError('EROFS', segments.join('/'));
  }
}
