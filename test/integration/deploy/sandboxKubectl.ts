/**
 * kubectl against a test sandbox (test/support/sandbox.ts), and what the sandbox serves, so that a
 * check the sandbox cannot answer yet is skipped with the reason instead of failing for the wrong cause.
 */
import { CoreV1Api } from '@kubernetes/client-node';
import type { TestSandbox } from '../../support/sandbox';
import { kubectl, type KubectlResult } from './kubectl';

export function sandboxKubectl(sandbox: TestSandbox, context = 'sandbox') {
  return (args: string[], options: { timeoutMs?: number; input?: string } = {}): Promise<KubectlResult> =>
    kubectl(['--kubeconfig', sandbox.kubeconfigPath, '--context', context, ...args], options);
}

/** "apps/v1 StatefulSet", ... for every kind the sandbox's discovery lists; throws with kubectl's words if discovery fails. */
export async function servedKinds(run: ReturnType<typeof sandboxKubectl>): Promise<Set<string>> {
  const result = await run(['api-resources', '--no-headers']);
  if (result.code !== 0) throw new Error(result.stderr.trim() || 'kubectl api-resources failed');
  const kinds = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 4) continue;
    const kind = columns[columns.length - 1];
    const apiVersion = columns[columns.length - 3];
    kinds.add(`${apiVersion} ${kind}`);
  }
  return kinds;
}

export const kindKey = (object: { apiVersion: string; kind: string }) => `${object.apiVersion} ${object.kind}`;

/**
 * kubectl apply validates against the server's OpenAPI documents by default. Where the sandbox does not
 * serve them yet, `--validate=false` (with a warning), so that the server-side checks still run.
 */
export async function validationFlags(run: ReturnType<typeof sandboxKubectl>): Promise<string[]> {
  const openapi = await run(['get', '--raw', '/openapi/v3']);
  if (openapi.code === 0 && openapi.stdout.includes('paths')) return [];
  console.warn('[deploy tests] the sandbox serves no /openapi/v3: kubectl apply runs with --validate=false (server-side validation only)');
  return ['--validate=false'];
}

/**
 * Creates namespaces with client-node: `kubectl create namespace` sends a protobuf body, which the
 * sandbox does not take (a gap of the sandbox's, not of the manifests).
 */
export async function createNamespaces(sandbox: TestSandbox, names: string[]): Promise<void> {
  const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
  for (const name of names) await core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
}

/** stderr lines of `kubectl apply` that are errors: not warnings, not the hint after a kind the server lacks. */
export function applyErrors(stderr: string, unservedKinds: string[]): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('Warning:') && line !== 'ensure CRDs are installed first')
    .filter((line) => !unservedKinds.some((kind) => line.includes(`no matches for kind "${kind}"`)));
}
