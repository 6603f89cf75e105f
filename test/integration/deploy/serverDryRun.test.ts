/**
 * What the kustomizations build, checked by an API server: every object passes
 * `kubectl apply --dry-run=server -k`, against a fresh sandbox (a kind the sandbox does not serve is
 * named and skipped, and a Deployment's pod template is then validated as a Pod). And the demo,
 * applied for real into fresh namespaces, both as it is and with the parallel overlay, comes up Ready.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { kubectlMissing, kustomizationDirs, kustomize, repositoryRoot, type KubeObject } from './kubectl';
import { applyErrors, createNamespaces, kindKey, sandboxKubectl, servedKinds, validationFlags } from './sandboxKubectl';

/**
 * The demo names its namespace (`default`, where the sandbox already loaded it on its first start, and
 * where pod management policy, an immutable field, could not change). A kustomization of the test's
 * own puts what `dir` builds in a fresh namespace instead: kustomize's `namespace:` over `dir`.
 */
function inNamespace<T>(dir: string, namespace: string, action: (kustomization: string) => Promise<T>): Promise<T> {
  const wrapper = mkdtempSync(path.join(os.tmpdir(), 'sts-kustomize-'));
  writeFileSync(path.join(wrapper, 'kustomization.yaml'), stringify({ namespace, resources: [path.relative(wrapper, path.join(repositoryRoot, dir))] }));
  return action(wrapper).finally(() => rmSync(wrapper, { recursive: true, force: true }));
}
const isDemo = (dir: string) => dir.startsWith('manifests/demo');

describe.skipIf(kubectlMissing)('against the sandbox', () => {
  let sandbox: TestSandbox | undefined;
  let run: ReturnType<typeof sandboxKubectl>;
  let served = new Set<string>();
  let notReady = '';
  let validate: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    run = sandboxKubectl(sandbox);
    try {
      served = await servedKinds(run);
      for (const needed of ['v1 Namespace', 'apps/v1 StatefulSet', 'rbac.authorization.k8s.io/v1 Role', 'v1 Pod']) {
        if (!served.has(needed)) notReady = `the sandbox does not serve ${needed} yet`;
      }
    } catch (error) {
      notReady = `the sandbox's discovery does not answer kubectl yet (${error instanceof Error ? error.message : String(error)})`;
    }
    if (notReady) console.warn(`[deploy tests] skipping the server-side checks: ${notReady}`);
    else validate = await validationFlags(run);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('accepts every object of every kustomization in a server-side dry run', async (context) => {
    if (notReady) return context.skip(notReady);
    // Dry runs do not create what they would create: the namespace, and the ServiceAccount a pod names
    // (which a real API server's admission requires to exist), are made for real first.
    await createNamespaces(sandbox as TestSandbox, ['sts-explorer']);
    await (sandbox as TestSandbox).kubeConfig().makeApiClient(CoreV1Api).createNamespacedServiceAccount({ namespace: 'sts-explorer', body: { metadata: { name: 'sts-explorer' } } });
    const unserved = new Set<string>();
    for (const [index, dir] of kustomizationDirs().entries()) {
      const objects = await kustomize(dir);
      for (const object of objects.filter((o) => !served.has(kindKey(o)))) unserved.add(kindKey(object));
      const dryRun = (target: string) => run(['apply', '--dry-run=server', ...validate, '-k', target, '-o', 'name']);
      let result;
      if (isDemo(dir)) {
        const namespace = `dry-run-${index}`;
        await createNamespaces(sandbox as TestSandbox, [namespace]);
        result = await inNamespace(dir, namespace, dryRun);
      } else {
        result = await dryRun(dir);
      }
      // Only "no matches for kind" of a kind the sandbox does not serve is acceptable.
      expect(applyErrors(result.stderr, [...unserved].map((kind) => kind.split(' ')[1])), `${dir}:\n${result.stderr}`).toEqual([]);
      const applied = result.stdout.split('\n').filter(Boolean);
      const expected = objects.filter((o) => served.has(kindKey(o)));
      expect(applied.length, `${dir}: ${result.stdout}`).toBe(expected.length);
      // A kind the sandbox lacks still has its pod template validated, as a Pod.
      for (const object of objects.filter((o) => !served.has(kindKey(o)) && o.kind === 'Deployment')) {
        const template = (object as KubeObject & { spec: { template: { metadata: object; spec: object } } }).spec.template;
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: `${object.metadata.name}-template-check`, namespace: object.metadata.namespace }, spec: template.spec };
        const podResult = await run(['apply', '--dry-run=server', ...validate, '-f', '-', '-o', 'name'], { input: stringify(pod) });
        expect(podResult.code, `${dir} ${object.metadata.name} pod template:\n${podResult.stderr}`).toBe(0);
      }
    }
    if (unserved.size > 0) console.warn(`[deploy tests] kinds the sandbox does not serve, validated only by kustomize (and their pod templates as Pods): ${[...unserved].join(', ')}`);
  }, 300_000);

  for (const [dir, namespace, policy] of [
    ['manifests/demo', 'demo-check', 'OrderedReady'],
    ['manifests/demo-overlays/parallel', 'parallel-check', 'Parallel'],
    ['manifests/demo-overlays/visits-app', 'visits-app-check', 'OrderedReady'],
  ] as const) {
    it(`applies ${dir} into a fresh namespace, where every StatefulSet becomes Ready with ${policy}`, async (context) => {
      if (notReady) return context.skip(notReady);
      await createNamespaces(sandbox as TestSandbox, [namespace]);
      const applied = await inNamespace(dir, namespace, (kustomization) => run(['apply', ...validate, '-k', kustomization]));
      expect(applied.code, applied.stderr).toBe(0);
      const statefulSets = (await kustomize(dir)).filter((o) => o.kind === 'StatefulSet');
      expect(statefulSets.length).toBe(2);
      for (const statefulSet of statefulSets) {
        const status = await run(['rollout', 'status', '-n', namespace, `statefulset/${statefulSet.metadata.name}`, '--timeout=120s'], { timeoutMs: 130_000 });
        expect(status.code, `${statefulSet.metadata.name}: ${status.stdout}${status.stderr}`).toBe(0);
        const policyNow = await run(['get', '-n', namespace, `statefulset/${statefulSet.metadata.name}`, '-o', 'jsonpath={.spec.podManagementPolicy} {.status.readyReplicas}/{.spec.replicas}']);
        const [actualPolicy, ready] = policyNow.stdout.trim().split(' ');
        expect(actualPolicy).toBe(policy);
        const [readyCount, wanted] = ready.split('/');
        expect(Number(readyCount)).toBe(Number(wanted));
        expect(Number(wanted)).toBeGreaterThan(0);
      }
    }, 300_000);
  }
});
