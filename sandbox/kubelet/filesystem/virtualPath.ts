import path from 'node:path';

/**
 * Paths inside a container. They are resolved purely as strings (`..` collapses at the root, as
 * in Linux), so no path can climb out of the container's view before it is mapped to the host.
 */
export function resolveVirtualPath(workingDir: string, target: string): string {
  const joined = target.startsWith('/') ? target : `${workingDir}/${target}`;
  return path.posix.resolve('/', joined);
}

/** The segments below `base` when `target` is `base` or inside it; undefined otherwise. */
export function relativeInside(base: string, target: string): string[] | undefined {
  if (base === '/') return target.split('/').filter(Boolean);
  if (target === base) return [];
  if (!target.startsWith(`${base}/`)) return undefined;
  return target.slice(base.length + 1).split('/').filter(Boolean);
}
