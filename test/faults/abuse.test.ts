import { randomBytes } from 'node:crypto';
import { AppsV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../support/sandbox';
import { dashboardBuildMissing, startDashboard, type TestDashboard } from '../support/dashboard';
import { waitFor } from '../integration/controllers/clusterSupport';
import { changedResources, clusterChecksum, type ClusterChecksum } from './support/clusterChecksum';
import { casesFor, dashboardRoutes, malformedHttp, random, sampleCases, type AbuseCase } from './support/dashboardAbuse';
import { readFor, send } from './support/rawHttp';
import { sandboxAbuseCases } from './support/sandboxAbuse';

/**
 * Abuse: generated malformed requests against every dashboard route and a set of sandbox API paths.
 * Every answer is a 4xx, both processes stay up, and the cluster's objects are exactly as before.
 */
const full = process.env.FAULTS_FULL === '1';
const perRoute = full ? 1_000 : 100;
const concurrency = 8;

/** Both demo StatefulSets ready, and the checksum the same twice in a row: nothing is still settling. */
async function quietChecksum(kc: KubeConfig): Promise<ClusterChecksum> {
  const apps = kc.makeApiClient(AppsV1Api);
  await waitFor('the demo StatefulSets to be ready', async () => {
    const sets = (await apps.listNamespacedStatefulSet({ namespace: 'default' })).items;
    return sets.length >= 2 && sets.every((set) => (set.status?.readyReplicas ?? 0) === set.spec?.replicas && set.status?.currentRevision === set.status?.updateRevision);
  }, 180_000);
  let previous = await clusterChecksum(kc);
  return waitFor('the cluster to settle', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await clusterChecksum(kc);
    const settled = current.hash === previous.hash;
    previous = current;
    return settled ? current : undefined;
  }, 60_000);
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

describe.skipIf(Boolean(dashboardBuildMissing))('abuse of every dashboard route', () => {
  if (dashboardBuildMissing) console.log(`skipping the dashboard half of the abuse suite: ${dashboardBuildMissing}`);
  const token = randomBytes(24).toString('hex');
  let dashboard: TestDashboard;

  beforeAll(async () => {
    dashboard = await startDashboard({ env: { DASHBOARD_TOKEN: token } });
  }, 300_000);

  afterAll(async () => {
    await dashboard?.stop();
  });

  it(`answers ${perRoute} malformed requests per route with 4xx only and changes nothing`, async () => {
    const kc = dashboard.kubeConfig();
    const before = await quietChecksum(kc);
    const next = random(8);
    const routes = dashboardRoutes();
    expect(routes.length).toBeGreaterThan(10);
    // Load every route's code once (Next.js loads a route on its first request), so the barrage measures answers, not start-up.
    for (const route of routes) {
      const url = route.template.replace('[context]', 'sandbox').replace('[namespace]', 'default').replace(/\[\w+\]/g, 'python-python-app');
      const headers = { Authorization: `Bearer ${token}` };
      if (url.endsWith('/stream')) await readFor(dashboard.port, url, headers, 1_000);
      else await send(dashboard.port, { method: 'GET', path: url, headers }, 120_000);
    }
    const cases: AbuseCase[] = routes.flatMap((route) => sampleCases(casesFor(route, dashboard.port, token, next), perRoute, next));
    cases.push(...malformedHttp(dashboard.port, token, '/api/contexts/sandbox/namespaces/default/statefulsets/python-python-app/scale'));
    const answers = await inParallel(cases, concurrency, (request) => send(dashboard.port, request, 60_000));
    // A server that refuses a huge body answers 413 and hangs up while the client is still sending;
    // now and then the client's write then fails (EPIPE, ECONNRESET) before it has read the answer.
    // Such a case is sent once more, and must then come back with its 4xx like every other one.
    for (const [index, answer] of answers.entries()) {
      if (answer.status === 0 && (answer.error === 'EPIPE' || answer.error === 'ECONNRESET')) answers[index] = await send(dashboard.port, cases[index], 60_000);
    }
    const offenders = cases
      .map((request, index) => ({ request, answer: answers[index] }))
      .filter(({ answer }) => answer.status < 400 || answer.status > 499)
      .map(({ request, answer }) => `${request.route}: ${request.label} -> ${answer.status || answer.error} ${answer.body.slice(0, 160)}`);
    const statuses = new Map<number, number>();
    for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    console.log(`abuse (dashboard): ${cases.length} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

    // Still up: the dashboard answers and its sandbox serves.
    expect(dashboard.run.child.exitCode).toBeNull();
    expect((await send(dashboard.port, { method: 'GET', path: '/api/health' })).status).toBe(200);
    const after = await clusterChecksum(kc);
    expect([...new Set(offenders)], 'requests not answered with a 4xx').toEqual([]);
    expect(changedResources(before, after), 'resources changed by the abuse').toEqual([]);
    expect(after.hash).toBe(before.hash);
  }, full ? 900_000 : 240_000);
});

describe('abuse of the sandbox API', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  }, 120_000);

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('answers malformed and unauthorised requests with 4xx only and changes nothing', async () => {
    const kc = sandbox.kubeConfig();
    const before = await quietChecksum(kc);
    const tokens = { admin: kc.getCurrentUser()?.token ?? '', viewer: sandbox.kubeConfig('sandbox-viewer').getCurrentUser()?.token ?? '' };
    const distinct = sandboxAbuseCases();
    const repeats = full ? 1_000 : distinct.length;
    const next = random(6443);
    const cases = Array.from({ length: repeats }, (_, index) => (index < distinct.length ? distinct[index] : distinct[Math.floor(next() * distinct.length)]));
    const answers = await inParallel(cases, concurrency, (abuse) => {
      const authorization = abuse.as === 'admin' ? tokens.admin : abuse.as === 'viewer' ? tokens.viewer : abuse.as === 'forged' ? `${tokens.admin.slice(0, -4)}abcd` : undefined;
      return fetchRaw(sandbox, abuse.path, { method: abuse.method, headers: { ...abuse.headers, ...(authorization ? { Authorization: `Bearer ${authorization}` } : {}) }, body: abuse.body }).catch((error: unknown) => ({ status: 0, headers: {}, text: String(error) }));
    });
    const offenders = cases
      .map((abuse, index) => ({ abuse, answer: answers[index] }))
      .filter(({ answer }) => answer.status < 400 || answer.status > 499)
      .map(({ abuse, answer }) => `${abuse.label} (${abuse.method} ${abuse.path.slice(0, 80)}) -> ${answer.status} ${answer.text.slice(0, 160)}`);
    console.log(`abuse (sandbox): ${cases.length} requests, ${distinct.length} distinct`);

    expect(sandbox.child.exitCode).toBeNull();
    const health = await fetchRaw(sandbox, '/readyz', { headers: { Authorization: `Bearer ${tokens.admin}` } });
    expect(health.status).toBe(200);
    const after = await clusterChecksum(kc);
    expect([...new Set(offenders)], 'requests not answered with a 4xx').toEqual([]);
    expect(changedResources(before, after), 'resources changed by the abuse').toEqual([]);
  }, full ? 600_000 : 180_000);
});
