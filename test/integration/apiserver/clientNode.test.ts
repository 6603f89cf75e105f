import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { AppsV1Api, CoreV1Api, Exec, PatchStrategy, setHeaderOptions, type V1ConfigMap, type V1Status } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * The API server driven by the real client-node, as the dashboard drives it: CRUD with the real
 * error wording, selectors and pages, every patch type, the scale subresource, the status split,
 * deletion propagation through the garbage collector, and exec over WebSocket.
 */
interface ErrorBody {
  code?: number;
  body?: string;
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: number; status: { message: string; reason: string; details?: { causes?: Array<{ field: string }> } } }> {
  try {
    await promise;
  } catch (error) {
    const apiError = error as ErrorBody;
    return { code: apiError.code ?? 0, status: JSON.parse(apiError.body ?? '{}') as { message: string; reason: string } };
  }
  throw new Error('the request was expected to fail');
}

function configMap(name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('API server through client-node', () => {
  let sandbox: TestSandbox;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  const namespace = 'default';

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('seeds the system namespaces and the kubernetes Service', async () => {
    const names = (await core.listNamespace()).items.map((item) => item.metadata?.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public']));
    const service = await core.readNamespacedService({ name: 'kubernetes', namespace });
    expect(service.spec?.clusterIP).toBe('127.96.0.1');
  });

  it('creates, reads and refuses duplicates and missing things with the real wording', async () => {
    const created = await core.createNamespacedConfigMap({ namespace, body: configMap('crud-a', { k: 'v' }) });
    expect(created.metadata?.uid).toMatch(/[0-9a-f-]{36}/);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata?.creationTimestamp).toBeTruthy();
    const duplicate = await failureOf(core.createNamespacedConfigMap({ namespace, body: configMap('crud-a') }));
    expect(duplicate.code).toBe(409);
    expect(duplicate.status).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "crud-a" already exists' });
    const missing = await failureOf(core.readNamespacedConfigMap({ name: 'nothing-here', namespace }));
    expect(missing.code).toBe(404);
    expect(missing.status.message).toBe('configmaps "nothing-here" not found');
    const noNamespace = await failureOf(core.createNamespacedConfigMap({ namespace: 'nowhere', body: configMap('x') }));
    expect(noNamespace.code).toBe(404);
    expect(noNamespace.status.message).toBe('namespaces "nowhere" not found');
  });

  it('answers a stale resourceVersion with 409 Conflict and the real message', async () => {
    const created = await core.createNamespacedConfigMap({ namespace, body: configMap('conflict-a', { n: '1' }) });
    const first = { ...created, data: { n: '2' } };
    await core.replaceNamespacedConfigMap({ name: 'conflict-a', namespace, body: first });
    const stale = await failureOf(core.replaceNamespacedConfigMap({ name: 'conflict-a', namespace, body: { ...created, data: { n: '3' } } }));
    expect(stale.code).toBe(409);
    expect(stale.status.message).toBe(
      'Operation cannot be fulfilled on configmaps "conflict-a": the object has been modified; please apply your changes to the latest version and try again',
    );
    // Without a resourceVersion the update is unconditional.
    const body = { ...created, data: { n: '4' } };
    delete body.metadata?.resourceVersion;
    expect((await core.replaceNamespacedConfigMap({ name: 'conflict-a', namespace, body })).data).toEqual({ n: '4' });
  });

  it('validates with 422 Invalid, the kind in the message and causes', async () => {
    const invalid = await failureOf(
      apps.createNamespacedStatefulSet({
        namespace,
        body: {
          metadata: { name: 'bad-sts' },
          spec: { replicas: -1, serviceName: 'bad', selector: { matchLabels: { app: 'bad' } }, template: { metadata: { labels: { app: 'bad' } }, spec: { containers: [{ name: 'c', image: 'visits-app:1.0' }] } } },
        },
      }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.status.reason).toBe('Invalid');
    expect(invalid.status.message).toContain('StatefulSet.apps "bad-sts" is invalid: ');
    expect(invalid.status.message).toContain('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(invalid.status.details?.causes?.map((cause) => cause.field)).toContain('spec.replicas');
  });

  it('lists with set-based label selectors, field selectors and pages', async () => {
    for (const [name, tier] of [
      ['sel-a', 'web'],
      ['sel-b', 'db'],
      ['sel-c', 'cache'],
    ])
      await core.createNamespacedConfigMap({ namespace, body: configMap(name, {}, { suite: 'selectors', tier }) });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await core.listNamespacedConfigMap({ namespace, labelSelector, fieldSelector })).items.map((item) => item.metadata?.name);
    expect(await names('suite=selectors,tier in (web,db)')).toEqual(['sel-a', 'sel-b']);
    expect(await names('suite=selectors,tier notin (web)')).toEqual(['sel-b', 'sel-c']);
    expect(await names('suite=selectors,tier!=cache')).toEqual(['sel-a', 'sel-b']);
    expect(await names('suite=selectors,!tier')).toEqual([]);
    expect(await names(undefined, 'metadata.name=sel-c')).toEqual(['sel-c']);
    const first = await core.listNamespacedConfigMap({ namespace, labelSelector: 'suite=selectors', limit: 2 });
    expect(first.items.map((item) => item.metadata?.name)).toEqual(['sel-a', 'sel-b']);
    expect(first.metadata?._continue).toBeTruthy();
    expect(first.metadata?.remainingItemCount).toBe(1);
    const second = await core.listNamespacedConfigMap({ namespace, labelSelector: 'suite=selectors', limit: 2, _continue: first.metadata?._continue });
    expect(second.items.map((item) => item.metadata?.name)).toEqual(['sel-c']);
    expect(second.metadata?._continue).toBeFalsy();
    const badField = await failureOf(core.listNamespacedConfigMap({ namespace, fieldSelector: 'spec.nope=1' }));
    expect(badField.code).toBe(400);
  });

  it('applies JSON patch, merge patch and strategic merge patch with its directives', async () => {
    await core.createNamespacedConfigMap({ namespace, body: configMap('patch-a', { a: '1', b: '2' }) });
    const json = await core.patchNamespacedConfigMap(
      { name: 'patch-a', namespace, body: [{ op: 'replace', path: '/data/a', value: 'one' }, { op: 'remove', path: '/data/b' }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(json.data).toEqual({ a: 'one' });
    const merge = await core.patchNamespacedConfigMap({ name: 'patch-a', namespace, body: { data: { a: null, c: '3' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(merge.data).toEqual({ c: '3' });
    const failedTest = await failureOf(
      core.patchNamespacedConfigMap({ name: 'patch-a', namespace, body: [{ op: 'test', path: '/data/c', value: 'x' }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch)),
    );
    expect(failedTest.code).toBe(422);

    await apps.createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name: 'smp' },
        spec: {
          replicas: 0,
          serviceName: 'smp',
          selector: { matchLabels: { app: 'smp' } },
          template: {
            metadata: { labels: { app: 'smp' } },
            spec: {
              containers: [
                { name: 'app', image: 'visits-app:1.0', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080 }] },
                { name: 'side', image: 'visits-app:1.0', args: ['x', 'y'] },
              ],
            },
          },
        },
      },
    });
    const smp = (body: object) => apps.patchNamespacedStatefulSet({ name: 'smp', namespace, body }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    // Merge by name: only the image of "app" changes, env and the other container stay.
    let sts = await smp({ spec: { template: { spec: { containers: [{ name: 'app', image: 'visits-app:2.0', env: [{ name: 'C', value: '3' }] }] } } } });
    let containers = sts.spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['app', 'side']);
    expect(containers[0].image).toBe('visits-app:2.0');
    expect(containers[0].env?.map((e) => e.name)).toEqual(['A', 'B', 'C']);
    // $patch: delete of one element, $setElementOrder, and null deletes a field.
    sts = await smp({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }],
            containers: [{ name: 'app', env: [{ name: 'B', $patch: 'delete' }], ports: null }],
          },
        },
      },
    });
    containers = sts.spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['side', 'app']);
    expect(containers[1].env?.map((e) => e.name)).toEqual(['A', 'C']);
    expect(containers[1].ports).toBeUndefined();
    // $patch: replace on a list replaces it whole; lists without a merge key (args) are replaced.
    sts = await smp({ spec: { template: { spec: { containers: [{ name: 'side', args: ['z'] }] } } } });
    expect(sts.spec?.template.spec?.containers.find((c) => c.name === 'side')?.args).toEqual(['z']);
    sts = await smp({ spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'visits-app:1.0' }] } } } });
    expect(sts.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['only']);
    // $deleteFromPrimitiveList on finalizers, and $retainKeys.
    await smp({ metadata: { finalizers: ['example.com/a', 'example.com/b'] } });
    sts = await smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } });
    expect(sts.metadata?.finalizers).toEqual(['example.com/b']);
    sts = await smp({ spec: { updateStrategy: { $retainKeys: ['type'], type: 'OnDelete' } } });
    expect(sts.spec?.updateStrategy).toEqual({ type: 'OnDelete' });
    await smp({ metadata: { finalizers: null } });
    // Server-side apply is refused with a clear 415.
    const apply = await failureOf(apps.patchNamespacedStatefulSet({ name: 'smp', namespace, body: {}, fieldManager: 'test' }, setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply)));
    expect(apply.code).toBe(415);
    expect(apply.status.message).toContain('server-side apply');
  });

  it('scales through the autoscaling/v1 Scale subresource and bumps generation', async () => {
    const created = await apps.createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name: 'scaled' },
        spec: { replicas: 0, serviceName: 'scaled', selector: { matchLabels: { app: 'scaled' } }, template: { metadata: { labels: { app: 'scaled' } }, spec: { containers: [{ name: 'c', image: 'visits-app:1.0' }] } } },
      },
    });
    expect(created.metadata?.generation).toBe(1);
    const scale = await apps.readNamespacedStatefulSetScale({ name: 'scaled', namespace });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 0 }, status: { selector: 'app=scaled' } });
    const patched = await apps.patchNamespacedStatefulSetScale({ name: 'scaled', namespace, body: { spec: { replicas: 0 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(patched.spec?.replicas).toBe(0);
    const replaced = await apps.replaceNamespacedStatefulSetScale({ name: 'scaled', namespace, body: { ...scale, spec: { replicas: 0 } } });
    expect(replaced.spec?.replicas).toBe(0);
    const stale = await failureOf(apps.replaceNamespacedStatefulSetScale({ name: 'scaled', namespace, body: { ...scale, metadata: { ...scale.metadata, resourceVersion: '1' }, spec: { replicas: 1 } } }));
    expect(stale.code).toBe(409);
    await apps.patchNamespacedStatefulSetScale({ name: 'scaled', namespace, body: { spec: { replicas: 1 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const after = await apps.readNamespacedStatefulSet({ name: 'scaled', namespace });
    expect(after.spec?.replicas).toBe(1);
    expect(after.metadata?.generation).toBe(2);
    await apps.patchNamespacedStatefulSetScale({ name: 'scaled', namespace, body: { spec: { replicas: 0 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  });

  it('keeps status out of main-resource writes and the rest out of status writes', async () => {
    const claim = await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: { metadata: { name: 'split' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'none-such', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound' } },
    });
    expect(claim.status?.phase).not.toBe('Bound');
    const statusWrite = await core.replaceNamespacedPersistentVolumeClaimStatus({
      name: 'split',
      namespace,
      body: { ...claim, metadata: { ...claim.metadata, labels: { sneaky: 'yes' } }, status: { phase: 'Lost' } },
    });
    expect(statusWrite.status?.phase).toBe('Lost');
    expect(statusWrite.metadata?.labels?.sneaky).toBeUndefined();
    const mainWrite = await core.replaceNamespacedPersistentVolumeClaim({ name: 'split', namespace, body: { ...statusWrite, metadata: { ...statusWrite.metadata, labels: { ok: 'yes' } }, status: { phase: 'Pending' } } });
    expect(mainWrite.status?.phase).toBe('Lost');
    expect(mainWrite.metadata?.labels?.ok).toBe('yes');
  });

  it('honours dryRun=All without storing anything', async () => {
    const dry = await core.createNamespacedConfigMap({ namespace, body: configMap('dry-a'), dryRun: 'All' });
    expect(dry.metadata?.name).toBe('dry-a');
    expect((await failureOf(core.readNamespacedConfigMap({ name: 'dry-a', namespace }))).code).toBe(404);
  });

  it('propagates deletes: background removes dependents, orphan keeps them without the owner reference, foreground waits for them', async () => {
    const owner = async (name: string) => core.createNamespacedConfigMap({ namespace, body: configMap(name) });
    const dependent = async (name: string, ownerMap: V1ConfigMap) =>
      core.createNamespacedConfigMap({
        namespace,
        body: { ...configMap(name), metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: ownerMap.metadata?.name ?? '', uid: ownerMap.metadata?.uid ?? '', blockOwnerDeletion: true }] } },
      });
    const exists = async (name: string) => {
      try {
        return await core.readNamespacedConfigMap({ name, namespace });
      } catch {
        return undefined;
      }
    };

    const background = await owner('gc-bg');
    await dependent('gc-bg-child', background);
    await core.deleteNamespacedConfigMap({ name: 'gc-bg', namespace, propagationPolicy: 'Background' });
    await eventually(async () => ((await exists('gc-bg-child')) ? undefined : true), 'the background dependent to go');

    const orphaning = await owner('gc-orphan');
    await dependent('gc-orphan-child', orphaning);
    await core.deleteNamespacedConfigMap({ name: 'gc-orphan', namespace, propagationPolicy: 'Orphan' });
    await eventually(async () => ((await exists('gc-orphan')) ? undefined : true), 'the orphaning owner to go');
    const orphan = await exists('gc-orphan-child');
    expect(orphan).toBeDefined();
    expect(orphan?.metadata?.ownerReferences ?? []).toEqual([]);

    const foreground = await owner('gc-fg');
    await dependent('gc-fg-child', foreground);
    await core.deleteNamespacedConfigMap({ name: 'gc-fg', namespace, propagationPolicy: 'Foreground' });
    await eventually(async () => ((await exists('gc-fg')) ? undefined : true), 'the foreground owner to go');
    expect(await exists('gc-fg-child')).toBeUndefined();
  });

  it('keeps a scheduled pod terminating until it is deleted with grace period 0', async () => {
    const pod = await core.createNamespacedPod({
      namespace,
      body: { metadata: { name: 'graceful' }, spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'visits-app:1.0' }] } },
    });
    const terminating = await core.deleteNamespacedPod({ name: 'graceful', namespace, gracePeriodSeconds: 30 });
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();
    expect(terminating.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect((await core.readNamespacedPod({ name: 'graceful', namespace })).metadata?.uid).toBe(pod.metadata?.uid);
    await core.deleteNamespacedPod({ name: 'graceful', namespace, gracePeriodSeconds: 0 });
    expect((await failureOf(core.readNamespacedPod({ name: 'graceful', namespace }))).code).toBe(404);
  });

  it('runs a command in a pod over WebSocket and reports its exit code', async () => {
    const pod = await eventually(async () => {
      const pods = (await core.listNamespacedPod({ namespace })).items;
      return pods.find((candidate) => candidate.status?.phase === 'Running' && candidate.metadata?.ownerReferences?.length && !candidate.metadata.deletionTimestamp);
    }, 'a running demo pod');
    const exec = new Exec(sandbox.kubeConfig());
    const run = (command: string[]) =>
      new Promise<{ stdout: string; status: V1Status }>((resolve, reject) => {
        let stdout = '';
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            stdout += chunk.toString('utf8');
            done();
          },
        });
        exec
          .exec(namespace, pod.metadata?.name ?? '', '', command, sink, null, null, false, (status) => resolve({ stdout, status }))
          .catch(reject);
      });
    const echo = await run(['echo', 'hello from the sandbox']);
    expect(echo.status.status).toBe('Success');
    expect(echo.stdout).toBe('hello from the sandbox\n');
    const failing = await run(['sh', '-c', 'exit 3']);
    expect(failing.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
    expect(failing.status.details?.causes).toEqual([{ reason: 'ExitCode', message: '3' }]);
  });
});
