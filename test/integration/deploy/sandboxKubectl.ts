/**
 * kubectl against a test sandbox (test/support/sandbox.ts), and what the sandbox serves, so that a
 * check the sandbox cannot answer yet is skipped with the reason instead of failing for the wrong cause.
 */
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
