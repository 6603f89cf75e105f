/**
 * The dashboard's Dockerfile, checked by reading it (no Docker engine here): its stages, that the
 * runtime has production dependencies only, runs as a numeric non-root user, writes only under /tmp,
 * has a health check on a route that exists, and contains every file `npm start`'s command loads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiesOf, envOf, execForm, parseDockerfile, type Stage } from './dockerfile';
import { dockerignoreMatcher } from './dockerignore';
import { runtimeGraph } from './importGraph';

const root = path.resolve(__dirname, '..', '..', '..');
const dockerfile = parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
const ignored = dockerignoreMatcher(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function stage(name: string): Stage {
  const found = dockerfile.stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage named ${name}; stages: ${dockerfile.stages.map((s) => s.name).join(', ')}`);
  return found;
}
const runtime = dockerfile.stages[dockerfile.stages.length - 1];
const runs = (s: Stage) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
/** Context paths the runtime stage copies from the build context (not from another stage). */
const copiedFromContext = copiesOf(runtime).filter((copy) => !copy.from).flatMap((copy) => copy.sources);
const isCopied = (file: string) => copiedFromContext.some((source) => file === source || file.startsWith(`${source.replace(/\/$/, '')}/`));

/** The argv `npm start` finally runs (scripts/start.mjs spawns node with these arguments). */
function npmStartArgv(): string[] {
  const start = readFileSync(path.join(root, 'scripts', 'start.mjs'), 'utf8');
  const spawnLine = /spawn\(process\.execPath,\s*\[([^\]]*)\]/.exec(start)?.[1] ?? '';
  return [...spawnLine.matchAll(/'([^']+)'|path\.join\(root,\s*'([^']+)'\)/g)].map((m) => m[1] ?? m[2]);
}

describe('Dockerfile', () => {
  it('builds in stages: all dependencies, production dependencies, the Next build, the runtime', () => {
    expect(runs(stage('deps')).some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
    expect(runs(stage('prod-deps')).some((run) => /\bnpm ci\b.*--omit=dev/.test(run))).toBe(true);
    expect(runs(stage('build')).some((run) => /next(\/dist\/bin\/next)? build/.test(run))).toBe(true);
    expect(runtime.name).toBe('runtime');
    expect(runs(runtime).join('\n')).not.toMatch(/npm (ci|install)|next build/);
  });

  it('gives the runtime production dependencies only, and tsx among them because server.ts runs through it', () => {
    const nodeModules = copiesOf(runtime).filter((copy) => copy.sources.some((source) => source.includes('node_modules')));
    expect(nodeModules).toHaveLength(1);
    expect(nodeModules[0].from).toBe('prod-deps');
    expect(Object.keys(packageJson.dependencies)).toContain('tsx');
    expect(copiesOf(runtime).some((copy) => copy.from === 'build' && copy.sources.includes('/app/.next'))).toBe(true);
  });

  it('runs as a numeric non-root user, so that the kubelet can verify runAsNonRoot', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    const [uid, gid] = users[0].split(':');
    expect(uid).toMatch(/^[1-9]\d*$/);
    if (gid !== undefined) expect(gid).toMatch(/^[1-9]\d*$/);
  });

  it('listens on all interfaces and keeps everything it writes under /tmp', () => {
    const env = envOf(runtime);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOME).toMatch(/^\/tmp(\/|$)/);
    expect(env.SANDBOX_DIR).toMatch(/^\/tmp\//);
    // Next.js writes its runtime cache under .next/cache: a link into /tmp, created before node starts.
    const link = runs(runtime).join('\n').match(/ln -s (\/tmp\/\S+) \S*\.next\/cache/);
    expect(link).not.toBeNull();
    const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD').map((i) => execForm(i.args));
    expect(cmd).toHaveLength(1);
    expect(cmd[0].join(' ')).toContain(`mkdir -p ${link?.[1]}`);
    // The build must not ship its own cache into the image.
    expect(runs(stage('build')).join('\n')).toMatch(/rm -rf \.next\/cache/);
  });

  it('starts with the same command as npm start', () => {
    const cmd = execForm(runtime.instructions.find((i) => i.keyword === 'CMD')?.args ?? '').join(' ');
    const argv = npmStartArgv();
    expect(argv).toEqual(['--import', 'tsx', 'server.ts']);
    expect(cmd).toContain(`exec node ${argv.join(' ')}`);
    expect(runtime.instructions.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
  });

  it('checks its health on /api/health, a route that exists and does not ask the cluster', () => {
    const healthcheck = runtime.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0].args).toContain('/api/health');
    expect(existsSync(path.join(root, 'app', 'api', 'health', 'route.ts'))).toBe(true);
  });

  it('copies every file server.ts and the sandbox it may start load, and none of them is dockerignored', () => {
    // server.ts spawns sandbox/main.ts (lib/k8s/sandboxProcess.ts) when no cluster is configured.
    expect(readFileSync(path.join(root, 'lib', 'k8s', 'sandboxProcess.ts'), 'utf8')).toMatch(/'sandbox',\s*'main\.ts'/);
    const graph = runtimeGraph(root, ['server.ts', 'sandbox/main.ts']);
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.length).toBeGreaterThan(3);
    const missing = graph.files.filter((file) => !isCopied(file));
    const excluded = graph.files.filter((file) => ignored(file));
    expect(missing).toEqual([]);
    expect(excluded).toEqual([]);
    // Files tsx and Next read at start: package.json (module type), tsconfig.json (the @/ alias), next.config.js.
    for (const file of ['package.json', 'tsconfig.json', 'next.config.js']) {
      expect(isCopied(file)).toBe(true);
      expect(ignored(file)).toBe(false);
    }
    // The sandbox applies the demo manifests on its first start.
    expect(isCopied('manifests/demo/x.yaml')).toBe(true);
  });

  it('needs no dev dependency at run time', () => {
    const graph = runtimeGraph(root, ['server.ts', 'sandbox/main.ts']);
    const notProduction = graph.packages.filter((name) => !(name in packageJson.dependencies));
    expect(notProduction).toEqual([]);
    // server.ts loads Next itself and tsx runs it: both must be production dependencies.
    expect(graph.packages).toContain('next');
  });

  it('sends the build every file the app\'s pages and routes import', () => {
    const entries = (readdirSync(path.join(root, 'app'), { recursive: true }) as string[])
      .filter((file) => /\.(ts|tsx)$/.test(file) && !file.endsWith('.test.ts'))
      .map((file) => path.join('app', file));
    expect(entries.length).toBeGreaterThan(0);
    const graph = runtimeGraph(root, entries);
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.filter((file) => ignored(file))).toEqual([]);
  });

  it('sends the build what next build needs and keeps secrets and state out of the context', () => {
    for (const file of ['package.json', 'package-lock.json', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'app/page.tsx', 'app/layout.tsx', 'lib/k8s/kubeConfigSource.ts']) {
      expect(ignored(file), file).toBe(false);
    }
    for (const file of ['.sandbox/tokens.json', '.sandbox/kubeconfig', '.env.local', 'node_modules/next/package.json', '.git/config', '.next/BUILD_ID', 'lib/k8s/clusterChoice.test.ts']) {
      expect(ignored(file), file).toBe(true);
    }
  });
});
