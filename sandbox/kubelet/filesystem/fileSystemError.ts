/** A file system failure with the errno name busybox would print a message for. */
export type FileSystemErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'EEXIST' | 'ELOOP';

const descriptions: Record<FileSystemErrorCode, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ELOOP: 'Symbolic link refused by the sandbox',
};

export class FileSystemError extends Error {
  constructor(
    readonly code: FileSystemErrorCode,
    readonly path: string,
  ) {
    super(descriptions[code]);
  }
}

export function isFileSystemError(error: unknown): error is FileSystemError {
  return error instanceof FileSystemError;
}
