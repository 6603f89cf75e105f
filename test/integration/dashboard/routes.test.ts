import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, type TestSandbox } from '../../support/sandbox';
import { call, createFromYaml, json, sameOrigin, origin, sandboxLacks, startDashboardOnSandbox, stopDashboard } from './dashboardSupport';
import { haveKubectl, visitsAppYaml, waitFor } from '../controllers/clusterSupport';
import * as contextsRoute from '@/app/api/contexts/route';
import * as versionRoute from '@/app/api/contexts/[context]/version/route';
import * as namespacesRoute from '@/app/api/contexts/[context]/namespaces/route';
import * as listRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/route';
import * as detailRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/route';
import * as scaleRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/scale/route';
import * as restartRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/restart/route';
import * as imageRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/image/route';
import * as strategyRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/update-strategy/route';
import * as rollbackRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/rollback/route';
import * as policyRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/pod-management-policy/route';
import * as podRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/pods/[pod]/route';
import * as logsRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/pods/[pod]/logs/route';
import * as trafficRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/services/[service]/traffic/route';
import type { StatefulSetDetail, StatefulSetSummary } from '@/lib/k8s/viewModels';

/**
 * Every dashboard route against a real sandbox: the answers, each validation error (400 naming the
 * field, nothing changed in the cluster), cross-origin and non-JSON refusals, read-only mode, and
 * the read-only `sandbox-viewer` context whose 403s come back as clean JSON.
 */
const namespace = 'dash-routes';
const name = 'web';
const ns = { context: 'sandbox', namespace };
const sts = { ...ns, name };

describe('dashboard routes on the sandbox', () => {
  let sandbox: TestSandbox;
  let missing: string | undefined;
  beforeAll(async () => {
    sandbox = await startDashboardOnSandbox();
    // Two broken contexts next to the sandbox's own: a revoked token, and an API server that is not there.
    const kc = sandbox.kubeConfig();
    const closedPort = await freePort();
    kc.loadFromOptions({
      clusters: [...kc.getClusters(), { name: 'nowhere', server: `https://127.0.0.1:${closedPort}`, skipTLSVerify: true }],
      users: [...kc.getUsers(), { name: 'revoked', token: 'revoked-token-0123456789' }],
      contexts: [...kc.getContexts(), { name: 'sandbox-revoked', cluster: 'sandbox', user: 'revoked', namespace: 'default' }, { name: 'sandbox-down', cluster: 'nowhere', user: 'admin', namespace: 'default' }],
      currentContext: 'sandbox',
    });
    const file = path.join(sandbox.dir, 'dashboard-kubeconfig');
    writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
    process.env.DASHBOARD_KUBECONFIG = file;
    missing = (await sandboxLacks(sandbox, '/apis/apps/v1', 'statefulsets')) ?? (haveKubectl ? undefined : 'kubectl 1.33 is missing');
    if (missing) {
      console.log(`skipping the StatefulSet route tests: ${missing}`);
      return;
    }
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name, replicas: 2, namespace }));
  });
  afterAll(async () => {
    await stopDashboard(sandbox);
  });

  const resourceVersion = async () => (await sandbox.kubeConfig().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name, namespace })).metadata?.resourceVersion;

  it('lists the contexts with the current one marked', async () => {
    const body = await json<{ current: string; contexts: { name: string; current: boolean; server: string; namespace: string; authentication: string }[] }>(await contextsRoute.GET());
    expect(body.current).toBe('sandbox');
    expect(body.contexts.map((context) => [context.name, context.current])).toEqual([
      ['sandbox', true],
      ['sandbox-viewer', false],
      ['sandbox-revoked', false],
      ['sandbox-down', false],
    ]);
    expect(body.contexts[0]).toMatchObject({ server: sandbox.server, namespace: 'default', authentication: 'bearer token' });
    expect(JSON.stringify(body)).not.toContain(sandbox.kubeConfig().getCurrentUser()?.token ?? 'no-token');
  });

  it('answers the version and 404 for an unknown context', async () => {
    const version = await versionRoute.GET(new Request(`${origin}/x`), { params: Promise.resolve({ context: 'sandbox' }) });
    expect(version.status).toBe(200);
    expect(await json(version)).toMatchObject({ context: 'sandbox', server: sandbox.server });
    const unknown = await versionRoute.GET(new Request(`${origin}/x`), { params: Promise.resolve({ context: 'nope' }) });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ error: 'Unknown context' });
  });

  it('answers clear JSON errors for revoked credentials and an unreachable cluster', async () => {
    const revoked = await call(namespacesRoute.GET, { context: 'sandbox-revoked' });
    expect(revoked.status).toBe(401);
    const revokedBody = await json<{ error: string; detail: string }>(revoked);
    expect(revokedBody.error).toBe('The cluster rejected the credentials');
    expect(revokedBody.detail).not.toContain('revoked-token-0123456789');
    const down = await call(namespacesRoute.GET, { context: 'sandbox-down' });
    expect(down.status).toBe(502);
    expect(await json(down)).toMatchObject({ error: 'The cluster cannot be reached' });
    const downList = await call(listRoute.GET, { context: 'sandbox-down', namespace: 'default' });
    expect(downList.status).toBe(502);
    const revokedList = await call(listRoute.GET, { context: 'sandbox-revoked', namespace: 'default' });
    expect(revokedList.status).toBe(401);
  });

  it('lists namespaces, and the viewer gets them too', async () => {
    const admin = await json<{ namespaces: { name: string }[]; restricted: boolean }>(await call(namespacesRoute.GET, { context: 'sandbox' }));
    expect(admin.namespaces.map((entry) => entry.name)).toContain('default');
    const viewer = await call(namespacesRoute.GET, { context: 'sandbox-viewer' });
    expect(viewer.status).toBe(200);
  });

  it('refuses invalid names before they reach a URL', async () => {
    const response = await call(detailRoute.GET, { ...ns, name: 'Web/../x' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ field: 'name' });
    const badNamespace = await call(listRoute.GET, { context: 'sandbox', namespace: 'Not_A_Namespace' });
    expect(badNamespace.status).toBe(400);
    expect(await json(badNamespace)).toMatchObject({ field: 'namespace' });
  });

  it('lists StatefulSets and gives the describe-level detail', async (ctx) => {
    if (missing) return ctx.skip();
    const list = await json<{ items: StatefulSetSummary[] }>(await call(listRoute.GET, ns));
    expect(list.items.map((item) => item.name)).toEqual([name]);
    const detail = await json<StatefulSetDetail>(await call(detailRoute.GET, sts));
    expect(detail.statefulSet).toMatchObject({ name, replicas: 2, serviceName: name });
    expect(detail.template.containers[0].readiness?.description).toBe('http-get http://:http/healthcheck delay=0s timeout=1s period=1s #success=1 #failure=3');
    expect(detail.services.map((service) => service.name).sort()).toEqual([name, `${name}-lb`]);
    expect(detail.permissions.scale).toEqual({ allowed: true });
    expect(detail.readOnly).toBe(false);
    expect(detail.yaml).not.toContain('managedFields');
    const missingSts = await call(detailRoute.GET, { ...ns, name: 'absent' });
    expect(missingSts.status).toBe(404);
  });

  it('validates every action body: 400 naming the field, nothing changed', async (ctx) => {
    if (missing) return ctx.skip();
    const before = await resourceVersion();
    const cases: [typeof scaleRoute.POST, unknown, string][] = [
      [scaleRoute.POST, { replicas: 1001 }, 'replicas'],
      [scaleRoute.POST, { replicas: 'two' }, 'replicas'],
      [scaleRoute.POST, {}, 'replicas'],
      [imageRoute.POST, { container: 'app', image: 'bad image' }, 'image'],
      [imageRoute.POST, { container: 'nope', image: 'visits-app:2.0' }, 'container'],
      [strategyRoute.POST, { type: 'Sideways' }, 'type'],
      [strategyRoute.POST, { type: 'RollingUpdate', partition: -1 }, 'partition'],
      [rollbackRoute.POST, { revision: 99 }, 'revision'],
      [rollbackRoute.POST, { revision: true }, 'revision'],
      [policyRoute.POST, { policy: 'Sometimes' }, 'policy'],
      [restartRoute.POST, { now: true }, 'body'],
      [scaleRoute.POST, '{"replicas": 2', 'body'],
    ];
    for (const [handler, body, field] of cases) {
      const response = await call(handler, sts, { headers: sameOrigin, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = await json<{ field: string; detail: string; error: string }>(response);
      expect(answer.field, JSON.stringify(body)).toBe(field);
      expect(answer.detail.length).toBeGreaterThan(5);
    }
    expect(await resourceVersion()).toBe(before);
  });

  it('refuses cross-origin, non-JSON and read-only mutations with 403 and changes nothing', async (ctx) => {
    if (missing) return ctx.skip();
    const before = await resourceVersion();
    const crossOrigin = await call(scaleRoute.POST, sts, { headers: { ...sameOrigin, origin: 'http://evil.example' }, body: { replicas: 5 } });
    expect(crossOrigin.status).toBe(403);
    expect(await json(crossOrigin)).toMatchObject({ error: 'Cross-origin request refused' });
    const crossSite = await call(scaleRoute.POST, sts, { headers: { host: sameOrigin.host, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, body: { replicas: 5 } });
    expect(crossSite.status).toBe(403);
    const form = await call(scaleRoute.POST, sts, { headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'replicas=5' });
    expect(form.status).toBe(403);
    const deleteCrossOrigin = await call(podRoute.DELETE, { ...ns, pod: `${name}-0` }, { method: 'DELETE', headers: { ...sameOrigin, origin: 'http://evil.example' } });
    expect(deleteCrossOrigin.status).toBe(403);
    const rebound = await call(scaleRoute.POST, sts, { headers: { host: 'evil.example:3999', origin: 'http://evil.example:3999', 'content-type': 'application/json' }, body: { replicas: 5 } });
    expect(rebound.status).toBe(403);
    expect(await json(rebound)).toMatchObject({ error: 'Unknown host' });
    process.env.READ_ONLY = 'true';
    try {
      const readOnly = await call(scaleRoute.POST, sts, { headers: sameOrigin, body: { replicas: 5 } });
      expect(readOnly.status).toBe(403);
      expect(await json(readOnly)).toMatchObject({ error: 'Read-only dashboard' });
      const traffic = await call(trafficRoute.POST, { ...ns, service: name }, { headers: sameOrigin, body: { requests: 1, concurrency: 1 } });
      expect(traffic.status).toBe(403);
    } finally {
      delete process.env.READ_ONLY;
    }
    expect(await resourceVersion()).toBe(before);
  });

  it('scales, restarts, sets the image with a canary partition, changes the strategy and rolls back', async (ctx) => {
    if (missing) return ctx.skip();
    const apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
    const scaled = await call(scaleRoute.POST, sts, { headers: sameOrigin, body: { replicas: 3 } });
    expect(scaled.status).toBe(200);
    expect(await json(scaled)).toMatchObject({ message: 'Scaled statefulset web to 3 replicas.' });
    expect((await apps.readNamespacedStatefulSet({ name, namespace })).spec?.replicas).toBe(3);

    const restarted = await call(restartRoute.POST, sts, { headers: sameOrigin, body: {} });
    expect(restarted.status).toBe(200);
    const annotations = (await apps.readNamespacedStatefulSet({ name, namespace })).spec?.template?.metadata?.annotations ?? {};
    expect(annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const image = await call(imageRoute.POST, sts, { headers: sameOrigin, body: { container: 'app', image: 'visits-app:2.0', partition: 2 } });
    expect(image.status).toBe(200);
    const afterImage = await apps.readNamespacedStatefulSet({ name, namespace });
    expect(afterImage.spec?.template?.spec?.containers[0].image).toBe('visits-app:2.0');
    expect(afterImage.spec?.updateStrategy?.rollingUpdate?.partition).toBe(2);

    const onDelete = await call(strategyRoute.POST, sts, { headers: sameOrigin, body: { type: 'OnDelete' } });
    expect(onDelete.status).toBe(200);
    expect((await apps.readNamespacedStatefulSet({ name, namespace })).spec?.updateStrategy?.type).toBe('OnDelete');
    const rolling = await call(strategyRoute.POST, sts, { headers: sameOrigin, body: { type: 'RollingUpdate', partition: 0 } });
    expect(rolling.status).toBe(200);

    const revisions = await waitFor('two revisions', async () => {
      const list = await apps.listNamespacedControllerRevision({ namespace });
      return list.items.length >= 2 ? list.items : undefined;
    });
    const first = Math.min(...revisions.map((revision) => Number(revision.revision)));
    const rolledBack = await call(rollbackRoute.POST, sts, { headers: sameOrigin, body: { revision: first } });
    expect(rolledBack.status, JSON.stringify(await rolledBack.clone().json())).toBe(200);
    expect((await apps.readNamespacedStatefulSet({ name, namespace })).spec?.template?.spec?.containers[0].image).toBe('visits-app:1.0');
  });

  it('refuses a pod-management-policy change when the StatefulSet moved on, and recreates it keeping its pods', async (ctx) => {
    if (missing) return ctx.skip();
    const stale = await call(policyRoute.POST, sts, { headers: sameOrigin, body: { policy: 'Parallel', generation: 999 } });
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ error: 'The StatefulSet changed' });
    const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    const podsBefore = (await core.listNamespacedPod({ namespace })).items.map((pod) => pod.metadata?.uid).sort();
    const generation = (await sandbox.kubeConfig().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name, namespace })).metadata?.generation;
    const changed = await call(policyRoute.POST, sts, { headers: sameOrigin, body: { policy: 'Parallel', generation } });
    expect(changed.status, JSON.stringify(await changed.clone().json())).toBe(200);
    const recreated = await sandbox.kubeConfig().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name, namespace });
    expect(recreated.spec?.podManagementPolicy).toBe('Parallel');
    const podsAfter = (await core.listNamespacedPod({ namespace })).items.map((pod) => pod.metadata?.uid).sort();
    expect(podsAfter.filter((uid) => podsBefore.includes(uid)).length).toBeGreaterThan(0);
  });

  it('deletes a pod, and answers 404 with the API message for a missing one', async (ctx) => {
    if (missing) return ctx.skip();
    const deleted = await call(podRoute.DELETE, { ...ns, pod: `${name}-0` }, { method: 'DELETE', headers: sameOrigin });
    expect(deleted.status).toBe(200);
    const absent = await call(podRoute.DELETE, { ...ns, pod: 'absent-0' }, { method: 'DELETE', headers: sameOrigin });
    expect(absent.status).toBe(404);
    expect(await json(absent)).toMatchObject({ detail: 'pods "absent-0" not found' });
  });

  it('shows the viewer context\'s 403 from the cluster cleanly, with the permissions that explain it', async (ctx) => {
    if (missing) return ctx.skip();
    const viewer = { context: 'sandbox-viewer', namespace, name };
    const refused = await call(scaleRoute.POST, viewer, { headers: sameOrigin, body: { replicas: 1 } });
    expect(refused.status).toBe(403);
    const body = await json<{ error: string; detail: string }>(refused);
    expect(body.error).toBe('Forbidden by the cluster');
    expect(body.detail).toMatch(/forbidden/i);
    expect(body.detail).not.toMatch(/HTTP-Code|Headers/);
    const detail = await json<StatefulSetDetail>(await call(detailRoute.GET, viewer));
    expect(detail.permissions.scale.allowed).toBe(false);
    expect(detail.permissions.scale.reason).toMatch(/cannot patch statefulsets\/scale/);
    expect(detail.permissions.logs.allowed).toBe(true);
  });

  it('validates log and traffic parameters', async () => {
    const logs = await call(logsRoute.GET, { ...ns, pod: `${name}-0` }, { path: '/x?tailLines=-3' });
    expect(logs.status).toBe(400);
    expect(await json(logs)).toMatchObject({ field: 'tailLines' });
    const traffic = await call(trafficRoute.POST, { ...ns, service: name }, { headers: sameOrigin, body: { requests: 20_001, concurrency: 1 } });
    expect(traffic.status).toBe(400);
    expect(await json(traffic)).toMatchObject({ field: 'requests' });
  });
});
