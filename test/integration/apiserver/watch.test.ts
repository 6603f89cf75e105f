import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, ListWatch, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * Watches as informers use them: resume from a resourceVersion, selector transitions,
 * and the 410 Expired relist when the change window no longer reaches back (a small window here).
 */
const historySize = 40;

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('watch', () => {
  let sandbox: TestSandbox;
  let core: CoreV1Api;
  const namespace = 'default';
  const token = () => sandbox.kubeConfig().getCurrentUser()?.token ?? '';

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_WATCH_HISTORY: String(historySize), SANDBOX_COMPONENTS: 'none' } });
    core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  const create = (name: string, labels: Record<string, string> = {}) =>
    core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels }, data: { n: '0' } } });

  it('resumes from a resourceVersion with exactly the changes after it', async () => {
    const start = await create('resume-a');
    await core.patchNamespacedConfigMap({ name: 'resume-a', namespace, body: [{ op: 'replace', path: '/data/n', value: '1' }] });
    await create('resume-b');
    await core.deleteNamespacedConfigMap({ name: 'resume-a', namespace });
    const seen: string[] = [];
    const watch = new Watch(sandbox.kubeConfig());
    const request = await watch.watch(
      `/api/v1/namespaces/${namespace}/configmaps`,
      { resourceVersion: start.metadata?.resourceVersion },
      (type: string, object: V1ConfigMap) => seen.push(`${type} ${object.metadata?.name}`),
      () => undefined,
    );
    await waitFor(() => seen.length >= 3, 'three replayed events');
    request.abort();
    expect(seen).toEqual(['MODIFIED resume-a', 'ADDED resume-b', 'DELETED resume-a']);
  });

  it('turns label changes into ADDED and DELETED for a filtered watch', async () => {
    const base = await create('transit', { phase: 'out' });
    const response = fetchRaw(
      sandbox,
      `/api/v1/namespaces/${namespace}/configmaps?watch=true&labelSelector=phase%3Din&resourceVersion=${base.metadata?.resourceVersion}&timeoutSeconds=2&allowWatchBookmarks=true&sendInitialEvents=false`,
      { headers: { Authorization: `Bearer ${token()}` } },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await core.patchNamespacedConfigMap({ name: 'transit', namespace, body: [{ op: 'replace', path: '/metadata/labels/phase', value: 'in' }] });
    await core.patchNamespacedConfigMap({ name: 'transit', namespace, body: [{ op: 'replace', path: '/metadata/labels/phase', value: 'out' }] });
    const { status, text } = await response;
    expect(status).toBe(200);
    const events = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; object: { metadata: { name?: string } } })
      .filter((event) => event.type !== 'BOOKMARK');
    expect(events.map((event) => `${event.type} ${event.object.metadata.name}`)).toEqual(['ADDED transit', 'DELETED transit']);
  });

  it('answers a resume older than the window with 410 Expired as an ERROR event', async () => {
    const old = await create('expiry-start');
    for (let i = 0; i < historySize + 5; i++) await core.replaceNamespacedConfigMap({ name: 'expiry-start', namespace, body: { metadata: { name: 'expiry-start' }, data: { n: String(i) } } });
    const { status, text } = await fetchRaw(sandbox, `/api/v1/namespaces/${namespace}/configmaps?watch=true&resourceVersion=${old.metadata?.resourceVersion}`, {
      headers: { Authorization: `Bearer ${token()}` },
    });
    expect(status).toBe(200);
    const event = JSON.parse(text.trim()) as { type: string; object: { code: number; reason: string; message: string } };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ code: 410, reason: 'Expired' });
    expect(event.object.message).toMatch(new RegExp(`^too old resource version: ${old.metadata?.resourceVersion} \\(\\d+\\)$`));
  });

  it('lets an informer relist after 410 and converge on the current state', async () => {
    await create('informer-a', { informer: 'yes' });
    const listWatch = new ListWatch<V1ConfigMap>(
      `/api/v1/namespaces/${namespace}/configmaps`,
      new Watch(sandbox.kubeConfig()),
      () => core.listNamespacedConfigMap({ namespace, labelSelector: 'informer=yes' }),
      false,
      'informer=yes',
    );
    await listWatch.start();
    await waitFor(() => listWatch.list(namespace).length === 1, 'the first list');
    const initialVersion = listWatch.latestResourceVersion();
    await create('informer-b', { informer: 'yes' });
    await waitFor(() => listWatch.list(namespace).length === 2, 'the watch to deliver informer-b');

    // Push the informer's resourceVersion out of the window while it is not watching.
    await listWatch.stop();
    for (let i = 0; i < historySize + 5; i++) await core.replaceNamespacedConfigMap({ name: 'informer-b', namespace, body: { metadata: { name: 'informer-b', labels: { informer: 'yes' } }, data: { n: String(i) } } });
    await core.deleteNamespacedConfigMap({ name: 'informer-a', namespace });
    await create('informer-c', { informer: 'yes' });
    const resumed = new ListWatch<V1ConfigMap>(
      `/api/v1/namespaces/${namespace}/configmaps`,
      new Watch(sandbox.kubeConfig()),
      () => core.listNamespacedConfigMap({ namespace, labelSelector: 'informer=yes' }),
      false,
      'informer=yes',
    );
    // Start the new informer from the stale version (client-node keeps it in `resourceVersion` and
    // (re)starts in doneHandler): the server answers 410 Expired and the informer must relist.
    (resumed as unknown as { resourceVersion: string }).resourceVersion = initialVersion;
    await (resumed as unknown as { doneHandler(error: unknown): Promise<void> }).doneHandler(null);
    await waitFor(() => resumed.list(namespace).map((item) => item.metadata?.name).sort().join(',') === 'informer-b,informer-c', 'the relisted state');
    expect(resumed.get('informer-b', namespace)?.data?.n).toBe(String(historySize + 4));
    await resumed.stop();
  });
});
