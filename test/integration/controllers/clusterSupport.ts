import { waitFor } from '../../support/waitFor';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AppsV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import type { TestSandbox } from '../../support/sandbox';

/**
 * Helpers for integration tests of the sandbox's workloads: kubectl 1.33 as a person would run it,
 * client-node for reads, plain HTTP to pods and Services. Waiting is by observed state, with a
 * generous ceiling that only matters when something is broken.
 */
export const kubectlPath = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping kubectl-based tests: ${kubectlPath} is missing`);

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export function kubectl(sandbox: TestSandbox, args: string[], stdin?: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(kubectlPath, ['--kubeconfig', sandbox.kubeconfigPath, ...args], { timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/** kubectl that must succeed; its stdout. */
export async function kubectlOk(sandbox: TestSandbox, args: string[], stdin?: string): Promise<string> {
  const result = await kubectl(sandbox, args, stdin);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function apis(sandbox: TestSandbox) {
  const kc = sandbox.kubeConfig();
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

export { waitFor };

export const isPodReady = (pod: V1Pod) => pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True') && !pod.metadata?.deletionTimestamp;

/** Waits until the set reports every replica ready and updated, and the controller saw the latest spec. */
export async function waitForSetReady(sandbox: TestSandbox, name: string, replicas: number, namespace = 'default'): Promise<void> {
  const { apps } = apis(sandbox);
  await waitFor(`StatefulSet ${name} to have ${replicas} ready replicas`, async () => {
    const set = await apps.readNamespacedStatefulSet({ name, namespace });
    const status = set.status;
    return (
      (status?.observedGeneration ?? 0) >= (set.metadata?.generation ?? 1) &&
      (status?.readyReplicas ?? 0) === replicas &&
      status?.replicas === replicas &&
      (status?.updatedReplicas ?? 0) === replicas &&
      status?.currentRevision === status?.updateRevision
    );
  });
}

export async function podsOf(sandbox: TestSandbox, selector: string, namespace = 'default'): Promise<V1Pod[]> {
  const list = await apis(sandbox).core.listNamespacedPod({ namespace, labelSelector: selector });
  return list.items.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '', 'en', { numeric: true }));
}

export { httpGet, type HttpAnswer } from '../../support/httpGet';

/** The count in a pod's data/visits.txt, read the way the seed does: kubectl exec ... cat data/visits.txt. */
export async function visitsOf(sandbox: TestSandbox, pod: string, namespace = 'default'): Promise<number> {
  const result = await kubectl(sandbox, ['exec', '-n', namespace, `pod/${pod}`, '--', 'cat', 'data/visits.txt']);
  if (result.code !== 0) {
    if (/No such file/.test(result.stderr)) return 0;
    throw new Error(`kubectl exec ${pod} failed: ${result.stderr}`);
  }
  return Number(result.stdout.trim());
}

/** A StatefulSet of the visits app with a governing headless Service and a ClusterIP Service, as YAML for kubectl apply. */
export function visitsAppYaml(options: { name: string; replicas: number; policy?: 'OrderedReady' | 'Parallel'; image?: string; updateStrategy?: string; retention?: { whenDeleted: string; whenScaled: string }; namespace?: string }): string {
  const { name, replicas } = options;
  const namespace = options.namespace ?? 'default';
  const retention = options.retention ? `  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: ${options.retention.whenDeleted}\n    whenScaled: ${options.retention.whenScaled}\n` : '';
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  clusterIP: None
  selector:
    app: ${name}
  ports:
    - name: http
      port: 8080
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}-lb
  namespace: ${namespace}
spec:
  type: NodePort
  selector:
    app: ${name}
  ports:
    - name: http
      port: 8080
      targetPort: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: ${replicas}
  serviceName: ${name}
  podManagementPolicy: ${options.policy ?? 'OrderedReady'}
  updateStrategy:
${options.updateStrategy ?? '    type: RollingUpdate'}
${retention}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: app
          image: ${options.image ?? 'visits-app:1.0'}
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /healthcheck
              port: http
            periodSeconds: 1
          volumeMounts:
            - name: data
              mountPath: /app/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;
}
