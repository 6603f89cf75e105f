/**
 * The visits file is read with `cat <path>` inside the container. The path comes from an annotation
 * or a query parameter, so it is held to a safe shape: relative, no "..", no option-like start, only
 * ordinary file-name characters. It is passed as one argv element, never through a shell.
 */
export function visitsPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'must not be empty';
  if (path.length > 256) return 'must be at most 256 characters';
  if (path.startsWith('/')) return 'must be a relative path (relative to the container\'s working directory)';
  if (path.startsWith('-')) return 'must not start with "-"';
  if (!/^[A-Za-z0-9._/-]+$/.test(path)) return 'may contain only letters, digits, ".", "_", "-" and "/"';
  if (path.split('/').some((part) => part === '..')) return 'must not contain ".."';
  if (path.split('/').some((part) => part === '')) return 'must not contain empty segments ("//" or a trailing "/")';
  return undefined;
}

export function isValidVisitsPath(path: string): boolean {
  return visitsPathProblem(path) === undefined;
}
