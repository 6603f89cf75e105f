/**
 * A token for the dashboard's ServiceAccount in a sandbox, got the way a person gets one on a real
 * cluster (`kubectl create token`, the TokenRequest API), and a kubeconfig that uses it, as the
 * in-cluster config would. Returns the reason instead when the sandbox cannot issue one.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { TestSandbox } from '../../support/sandbox';
import { sandboxKubectl } from './sandboxKubectl';

export const serviceAccountTokenNeeds =
  'the sandbox must authenticate ServiceAccount tokens: serve the TokenRequest API (POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token, ' +
  'what `kubectl create token` calls) and map its token to the user system:serviceaccount:{ns}:{name} with the groups system:serviceaccounts, ' +
  'system:serviceaccounts:{ns} and system:authenticated, which RBAC subjects of kind ServiceAccount match';

export async function serviceAccountKubeconfig(sandbox: TestSandbox, namespace: string, name: string): Promise<{ kubeconfig: string; token: string } | { unavailable: string }> {
  const run = sandboxKubectl(sandbox);
  const created = await run(['create', 'token', name, '-n', namespace, '--duration=1h']);
  const token = created.stdout.trim();
  if (created.code !== 0 || !token) return { unavailable: `kubectl create token said: ${created.stderr.trim() || 'nothing'}; ${serviceAccountTokenNeeds}` };
  const whoami = await run(['auth', 'whoami', '--token', token, '-o', 'jsonpath={.status.userInfo.username}']);
  if (whoami.code === 0 && whoami.stdout.trim() !== `system:serviceaccount:${namespace}:${name}`) {
    return { unavailable: `the token authenticates as "${whoami.stdout.trim()}", not system:serviceaccount:${namespace}:${name}; ${serviceAccountTokenNeeds}` };
  }
  const admin = sandbox.kubeConfig();
  const cluster = admin.getCurrentCluster();
  const kubeconfig = path.join(sandbox.dir, `${name}.kubeconfig`);
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'sandbox', cluster: { server: cluster?.server, 'certificate-authority-data': cluster?.caData } }],
      users: [{ name, user: { token } }],
      contexts: [{ name, context: { cluster: 'sandbox', user: name, namespace: 'default' } }],
      'current-context': name,
    }),
    { mode: 0o600 },
  );
  return { kubeconfig, token };
}
