/**
 * Lays out on disk what the Dockerfile's runtime stage holds, from this working tree: the files it
 * COPYs from the build context, the build's .next without its cache, .next/cache as the link into /tmp
 * that the image makes, and node_modules (as a mount point for the real one). Hard links, so it is quick
 * and takes no space; the tree is mounted read-only before anything runs in it.
 */
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { copiesOf, envOf, execForm, parseDockerfile } from './dockerfile';
import { dockerignoreMatcher } from './dockerignore';
import { repositoryRoot } from './kubectl';

function hardLinkTree(from: string, to: string, skip: (relative: string) => boolean, relative = ''): void {
  const source = path.join(from, relative);
  if (skip(relative)) return;
  if (statSync(source).isDirectory()) {
    mkdirSync(path.join(to, relative), { recursive: true });
    for (const entry of readdirSync(source)) hardLinkTree(from, to, skip, path.join(relative, entry));
  } else {
    try {
      linkSync(source, path.join(to, relative));
    } catch {
      cpSync(source, path.join(to, relative));
    }
  }
}

export interface RuntimeTree {
  /** The directory standing for the image's /app. */
  app: string;
  /** ENV of the runtime stage. */
  env: Record<string, string>;
  /** The directory the image links .next/cache to. */
  nextCacheTarget: string;
  /** The image's CMD, exec form. */
  command: string[];
  remove(): void;
}

export function layOutRuntimeTree(parent = '/var/tmp'): RuntimeTree {
  const dockerfile = parseDockerfile(readFileSync(path.join(repositoryRoot, 'Dockerfile'), 'utf8'));
  const runtime = dockerfile.stages[dockerfile.stages.length - 1];
  const ignored = dockerignoreMatcher(readFileSync(path.join(repositoryRoot, '.dockerignore'), 'utf8'));
  const top = mkdtempSync(path.join(parent, 'sts-runtime-'));
  const app = path.join(top, 'app');
  mkdirSync(app);
  for (const copy of copiesOf(runtime).filter((c) => !c.from)) {
    const destination = copy.destination.startsWith('/app') ? path.join(app, copy.destination.slice('/app'.length)) : path.join(app, copy.destination);
    for (const source of copy.sources) {
      const target = copy.destination.endsWith('/') ? path.join(destination, path.basename(source)) : destination;
      // What .dockerignore keeps out of the build context never reaches the image.
      hardLinkTree(path.join(repositoryRoot, source), target, (relative) => ignored(path.join(source, relative).split(path.sep).join('/')));
    }
  }
  hardLinkTree(path.join(repositoryRoot, '.next'), path.join(app, '.next'), (relative) => relative === 'cache');
  mkdirSync(path.join(app, 'public'), { recursive: true });
  if (existsSync(path.join(repositoryRoot, 'public'))) hardLinkTree(path.join(repositoryRoot, 'public'), path.join(app, 'public'), () => false);
  mkdirSync(path.join(app, 'node_modules'));
  const link = runtime.instructions.map((i) => /ln -s (\/tmp\/\S+) \S*\.next\/cache/.exec(i.args)).find(Boolean);
  if (!link) throw new Error('the Dockerfile does not link .next/cache into /tmp');
  symlinkSync(link[1], path.join(app, '.next', 'cache'));
  const cmd = runtime.instructions.find((i) => i.keyword === 'CMD');
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  return { app, env: envOf(runtime), nextCacheTarget: link[1], command: execForm(cmd.args), remove: () => rmSync(top, { recursive: true, force: true }) };
}
