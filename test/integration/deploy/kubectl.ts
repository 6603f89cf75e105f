/** Real kubectl for the deployment tests: 1.33, which has kustomize built in. */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const kubectlPath = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const kubectlMissing = existsSync(kubectlPath) ? undefined : `kubectl 1.33 is not installed at ${kubectlPath}`;
if (kubectlMissing) console.warn(`[deploy tests] skipping the kubectl checks: ${kubectlMissing}`);

export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with arguments (never through a shell) and resolves with its exit code and output. */
export function kubectl(args: string[], options: { timeoutMs?: number; input?: string } = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(kubectlPath, args, { cwd: repositoryRoot, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `kubectl kustomize <dir>` as objects; throws with kubectl's message when the build fails. */
export async function kustomize(dir: string): Promise<KubeObject[]> {
  const result = await kubectl(['kustomize', dir]);
  if (result.code !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJSON() as KubeObject).filter(Boolean);
}

/** Every directory under manifests/ that holds a kustomization, relative to the repository. */
export function kustomizationDirs(start = path.join(repositoryRoot, 'manifests')): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(start)) {
    const full = path.join(start, entry);
    if (statSync(full).isDirectory()) found.push(...kustomizationDirs(full));
    else if (entry === 'kustomization.yaml') found.push(path.relative(repositoryRoot, start));
  }
  return found.sort();
}

export function find(objects: KubeObject[], kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (!found) throw new Error(`no ${kind} ${namespace ? `${namespace}/` : ''}${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}
