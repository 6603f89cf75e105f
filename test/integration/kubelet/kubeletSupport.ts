import { waitFor } from '../../support/waitFor';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { CoreV1Api, type CoreV1Event, type V1Pod } from '@kubernetes/client-node';
import type { TestSandbox } from '../../support/sandbox';

/**
 * Helpers for the kubelet's integration tests: real kubectl 1.33, client-node for reads and
 * writes, plain HTTP to pod addresses. Waits end on observed state; the ceiling only matters when
 * something is broken.
 */
export const kubectlPath = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the kubelet's kubectl tests: ${kubectlPath} is missing`);

export function kubectl(sandbox: TestSandbox, args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(kubectlPath, ['--kubeconfig', sandbox.kubeconfigPath, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

export function core(sandbox: TestSandbox): CoreV1Api {
  return sandbox.kubeConfig().makeApiClient(CoreV1Api);
}

export { waitFor };

export async function readPod(sandbox: TestSandbox, name: string): Promise<V1Pod | undefined> {
  try {
    return await core(sandbox).readNamespacedPod({ name, namespace: 'default' });
  } catch {
    return undefined;
  }
}

export const isReady = (pod: V1Pod | undefined) => pod?.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;

export async function waitForReady(sandbox: TestSandbox, name: string): Promise<V1Pod> {
  return waitFor(`pod ${name} to be Ready`, async () => {
    const pod = await readPod(sandbox, name);
    return isReady(pod) ? pod : undefined;
  });
}

export async function eventsOf(sandbox: TestSandbox, name: string): Promise<CoreV1Event[]> {
  const list = await core(sandbox).listNamespacedEvent({ namespace: 'default', fieldSelector: `involvedObject.name=${name}` });
  return list.items;
}

/** Events of a pod once one satisfies `until` (the recorder writes them a moment after the fact). */
export async function eventsOnce(sandbox: TestSandbox, name: string, until: (event: CoreV1Event) => boolean): Promise<CoreV1Event[]> {
  return waitFor(`an event of ${name}`, async () => {
    const events = await eventsOf(sandbox, name);
    return events.some(until) ? events : undefined;
  });
}

export function httpGet(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host, port, path, agent: false, timeout: 5_000 }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** A pod of the visits app with an HTTP readiness probe, as a StatefulSet would make it. */
export function visitsPod(name: string, image: string, options: { liveness?: boolean; volumes?: V1Pod['spec'] extends infer S ? (S extends { volumes?: infer V } ? V : never) : never } = {}): V1Pod {
  const probe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 2 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      terminationGracePeriodSeconds: 30,
      containers: [
        {
          name: 'app',
          image,
          ports: [{ containerPort: 8080, name: 'http' }],
          readinessProbe: probe,
          ...(options.liveness ? { livenessProbe: { ...probe, periodSeconds: 1 } } : {}),
          // $(POD_NAME) expands because POD_NAME comes first, as on a real node.
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'GREETING', value: 'hello from $(POD_NAME)' }],
        },
      ],
    },
  };
}
