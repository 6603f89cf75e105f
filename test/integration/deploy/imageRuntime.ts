/**
 * Runs the dashboard as its image runs, without a Docker engine: the runtime tree (runtimeTree.ts) at
 * the path it was built at, in a private mount namespace where every file system is read-only except a
 * fresh tmpfs on /tmp, as uid 1000, with the image's ENV and CMD. Optionally as a Pod would: a
 * ServiceAccount's token, CA and namespace under /var/run/secrets/kubernetes.io/serviceaccount and
 * KUBERNETES_SERVICE_HOST/PORT pointing at an API server (client-node's in-cluster config reads exactly
 * those). Needs root for the mount namespace; `imageRuntimeMissing` says why it cannot run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildMissing } from './dashboardProcess';
import { repositoryRoot } from './kubectl';
import { layOutRuntimeTree, type RuntimeTree } from './runtimeTree';

function isolationMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'making a read-only mount namespace needs root';
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -o remount,bind,ro / && mount -t tmpfs tmpfs /tmp && command -v setpriv'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare/mount/setpriv are not usable here: ${probe.stderr.trim()}`;
}

export const imageRuntimeMissing = buildMissing ?? isolationMissing();

export interface PodIdentity {
  token: string;
  caPem: string;
  namespace: string;
  /** The API server as the kubernetes Service would give it. */
  host: string;
  port: number;
}

export interface ImageRun {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export async function runImage(options: { port: number; env: Record<string, string>; pod?: PodIdentity }): Promise<ImageRun> {
  const tree: RuntimeTree = layOutRuntimeTree();
  const secretsStaging = path.join(path.dirname(tree.app), 'serviceaccount');
  // The port is always the test's free one, whatever the environment given says (the Deployment's is 3000).
  const env: Record<string, string> = { ...tree.env, PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, ...options.env, PORT: String(options.port) };
  const script = [
    'set -e',
    `mount --bind ${quote(path.join(repositoryRoot, 'node_modules'))} ${quote(path.join(tree.app, 'node_modules'))}`,
    // The image is built at /app and runs at /app; here the build's path is the repository's.
    `mount --rbind ${quote(tree.app)} ${quote(repositoryRoot)}`,
  ];
  if (options.pod) {
    mkdirSync(secretsStaging);
    writeFileSync(path.join(secretsStaging, 'token'), options.pod.token);
    writeFileSync(path.join(secretsStaging, 'ca.crt'), options.pod.caPem);
    writeFileSync(path.join(secretsStaging, 'namespace'), options.pod.namespace);
    env.KUBERNETES_SERVICE_HOST = options.pod.host;
    env.KUBERNETES_SERVICE_PORT = String(options.pod.port);
    // /run only in this namespace; the kubelet mounts the projected volume read-only, so do we.
    script.push(
      'mount -t tmpfs -o size=1m tmpfs /run',
      'mkdir -p /run/secrets/kubernetes.io/serviceaccount',
      `cp ${quote(secretsStaging)}/token ${quote(secretsStaging)}/ca.crt ${quote(secretsStaging)}/namespace /run/secrets/kubernetes.io/serviceaccount/`,
      'mount --bind -o ro /run/secrets/kubernetes.io/serviceaccount /run/secrets/kubernetes.io/serviceaccount',
      'mount -o remount,bind,ro /run/secrets/kubernetes.io/serviceaccount',
    );
  }
  script.push(
    'mount -o remount,bind,ro /',
    `mount -o remount,bind,ro ${quote(repositoryRoot)}`,
    `mount -o remount,bind,ro ${quote(path.join(repositoryRoot, 'node_modules'))}`,
  );
  // A checkout under /tmp (CI may clone there) would vanish under the fresh tmpfs: move its mount
  // aside while /tmp is replaced, then back to its path inside the new tmpfs.
  const checkoutInTmp = repositoryRoot === '/tmp' || repositoryRoot.startsWith('/tmp/');
  const stage = path.join(path.dirname(tree.app), 'checkout-stage');
  if (checkoutInTmp) mkdirSync(stage);
  if (checkoutInTmp) script.push(`mount -n --move ${quote(repositoryRoot)} ${quote(stage)}`);
  script.push('mount -t tmpfs -o size=256m,mode=1777 tmpfs /tmp');
  if (checkoutInTmp) script.push(`mkdir -p ${quote(repositoryRoot)}`, `mount -n --move ${quote(stage)} ${quote(repositoryRoot)}`);
  script.push(
    `cd ${quote(repositoryRoot)}`,
    `exec setpriv --reuid 1000 --regid 1000 --clear-groups env -i ${Object.entries(env).map(([k, v]) => quote(`${k}=${v}`)).join(' ')} ${tree.command.map(quote).join(' ')}`,
  );
  const child: ChildProcess = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script.join('\n')], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const force = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 8_000);
      await exited;
      clearTimeout(force);
    }
    tree.remove();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (/StatefulSet Explorer on http/.test(output)) resolve(`http://127.0.0.1:${options.port}`);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then(() => reject(new Error(`the image's runtime exited before listening:\n${output}`)));
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
