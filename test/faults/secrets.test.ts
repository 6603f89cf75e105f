import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppsV1Api } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardBuildMissing, startDashboard, type TestDashboard } from '../support/dashboard';
import { waitFor } from '../integration/controllers/clusterSupport';
import { dashboardRoutes } from './support/dashboardAbuse';
import { readFor, send, type RawAnswer } from './support/rawHttp';

/**
 * The demo Secret (`credentials`, key `password`, behind MY_PASSWORD in both demo apps) never
 * reaches the browser: no answer of any dashboard route or page contains its value, in plain text
 * or base64, including the StatefulSet detail (which lists env sources), the live streams, pod
 * logs, the visits sample and the answers to mutations and bad requests.
 */
const demoSecret = (() => {
  const file = path.resolve(__dirname, '..', '..', 'manifests', 'demo', 'common.yaml');
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const object = document.toJSON() as { kind?: string; metadata?: { name?: string }; data?: Record<string, string>; stringData?: Record<string, string> };
    if (object?.kind !== 'Secret' || object.metadata?.name !== 'credentials') continue;
    if (object.stringData?.password) return object.stringData.password;
    if (object.data?.password) return Buffer.from(object.data.password, 'base64').toString('utf8');
  }
  throw new Error(`no Secret "credentials" with key "password" in ${file}`);
})();
const forms = [demoSecret, Buffer.from(demoSecret).toString('base64'), encodeURIComponent(demoSecret)];

/** Every URL of a template filled with each demo app's objects (its StatefulSet, first pod and Service). */
function urlsOf(template: string): string[] {
  const urls = ['python', 'go'].map((app) =>
    template
      .replace('[context]', 'sandbox')
      .replace('[namespace]', 'default')
      .replace('[name]', `${app}-${app}-app`)
      .replace('[pod]', `${app}-${app}-app-0`)
      .replace('[service]', `${app}-${app}-app`),
  );
  return [...new Set(urls)];
}

describe.skipIf(Boolean(dashboardBuildMissing))('the demo Secret never leaves the dashboard server', () => {
  if (dashboardBuildMissing) console.log(`skipping the Secret check: ${dashboardBuildMissing}`);
  let dashboard: TestDashboard;

  beforeAll(async () => {
    dashboard = await startDashboard();
    const apps = dashboard.kubeConfig().makeApiClient(AppsV1Api);
    await waitFor('the demo StatefulSets to be ready', async () => {
      const sets = (await apps.listNamespacedStatefulSet({ namespace: 'default' })).items;
      return sets.length >= 2 && sets.every((set) => (set.status?.readyReplicas ?? 0) === set.spec?.replicas);
    }, 180_000);
  }, 420_000);

  afterAll(async () => {
    await dashboard?.stop();
  });

  it('appears in no answer of any route or page', async () => {
    const port = dashboard.port;
    const answers: Array<{ what: string; answer: RawAnswer }> = [];
    const streamMs = process.env.FAULTS_FULL === '1' ? 5_000 : 2_500;
    for (const route of dashboardRoutes()) {
      if (!route.methods.includes('GET')) continue;
      for (const url of urlsOf(route.template)) {
        const streaming = url.endsWith('/stream');
        answers.push({ what: `GET ${url}`, answer: streaming ? await readFor(port, url, {}, streamMs) : await send(port, { method: 'GET', path: url }) });
      }
    }
    for (const url of ['/api/contexts/sandbox/namespaces/default/pods/python-python-app-0/logs?tailLines=1000', '/api/contexts/sandbox/namespaces/default/pods/go-go-app-0/logs?previous=true']) {
      answers.push({ what: `GET ${url}`, answer: await send(port, { method: 'GET', path: url }) });
    }
    // Pages, as a browser first loads them (HTML with the server-rendered payload).
    for (const page of ['/', '/c/sandbox/ns/default', '/c/sandbox/ns/default/sts/python-python-app', '/c/sandbox/ns/default/sts/go-go-app', '/c/sandbox/ns/default/compare']) {
      answers.push({ what: `page ${page}`, answer: await send(port, { method: 'GET', path: page }) });
    }
    // Answers to mutations (which echo the changed object) and to refused ones.
    const same = dashboard.sameOrigin;
    const base = '/api/contexts/sandbox/namespaces/default/statefulsets/python-python-app';
    answers.push({ what: 'POST scale (to the current 3)', answer: await send(port, { method: 'POST', path: `${base}/scale`, headers: same, body: '{"replicas":3}' }) });
    answers.push({ what: 'POST update-strategy (to the current RollingUpdate)', answer: await send(port, { method: 'POST', path: `${base}/update-strategy`, headers: same, body: '{"type":"RollingUpdate","partition":0}' }) });
    answers.push({ what: 'POST image with a bad container', answer: await send(port, { method: 'POST', path: `${base}/image`, headers: same, body: '{"container":"nope","image":"visits-app:1.0"}' }) });
    answers.push({ what: 'POST rollback to a revision that does not exist', answer: await send(port, { method: 'POST', path: `${base}/rollback`, headers: same, body: '{"revision":99}' }) });

    const failed = answers.filter(({ answer }) => answer.status === 0);
    expect(failed.map(({ what, answer }) => `${what}: ${answer.error}`), 'routes that did not answer').toEqual([]);
    const ok = answers.filter(({ answer }) => answer.status === 200).length;
    console.log(`secrets: ${answers.length} answers checked (${ok} with 200), ${answers.reduce((sum, { answer }) => sum + answer.body.length, 0)} characters`);
    // The detail really was served (so the check covered the env sources), and the streams said something.
    expect(answers.find(({ what }) => what === `GET ${base}`)?.answer.body).toContain('credentials');
    expect(answers.filter(({ what }) => what.endsWith('/stream')).every(({ answer }) => answer.body.includes('event: snapshot'))).toBe(true);
    const leaks = answers.filter(({ answer }) => forms.some((form) => answer.body.includes(form))).map(({ what }) => what);
    expect(leaks, 'answers containing the Secret value').toEqual([]);
  }, 240_000);
});
