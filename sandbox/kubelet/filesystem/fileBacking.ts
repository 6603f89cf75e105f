/** What stands behind one subtree of a container's file system: a host directory, key files, or the image root. */
export interface FileInfo {
  name: string;
  type: 'file' | 'directory';
  size: number;
  modified: Date;
  readOnly: boolean;
}

export interface FileBacking {
  readonly readOnly: boolean;
  /** `segments` are relative to the backing's root; [] is the root itself. */
  stat(segments: string[]): Promise<FileInfo | undefined>;
  readFile(segments: string[]): Promise<Buffer>;
  readDirectory(segments: string[]): Promise<FileInfo[]>;
  writeFile(segments: string[], data: string | Uint8Array, append: boolean): Promise<void>;
  makeDirectory(segments: string[]): Promise<void>;
  /** A real directory on the host for this subtree (created if missing), for in-process apps that write files. */
  hostDirectory(segments: string[]): Promise<string>;
}
