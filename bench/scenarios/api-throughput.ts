import { readFileSync } from 'node:fs';
import { CoreV1Api, PatchStrategy, setHeaderOptions, Watch, type KubeConfig } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { median, type BenchFigure, type BenchScenario } from '../scenario';

/**
 * The sandbox API server's own figures (issue 3's targets), through client-node over HTTPS as every
 * client sees it: a list of 2,000 pods (quick: 100; median of repetitions), watch events per second
 * delivered to 20 watchers while 16 writers patch pods, and the process's resident memory holding
 * 5,000 objects (quick: 200).
 */
const namespace = 'bench-api';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Opens `watchers` watches from `resourceVersion`; resolves with the time when every one of them has seen `expected` MODIFIED events. */
async function watchUntil(kc: KubeConfig, watchers: number, resourceVersion: string, expected: number): Promise<{ ready: Promise<void>; done: Promise<number>; stop: () => void }> {
  const aborts: AbortController[] = [];
  let finished = 0;
  let resolveDone: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const openings: Promise<unknown>[] = [];
  for (let index = 0; index < watchers; index += 1) {
    let seen = 0;
    const watch = new Watch(kc);
    openings.push(
      watch
        .watch(
          `/api/v1/namespaces/${namespace}/pods`,
          { resourceVersion, allowWatchBookmarks: false },
          (type) => {
            if (type !== 'MODIFIED') return;
            seen += 1;
            if (seen === expected && ++finished === watchers) resolveDone(performance.now());
          },
          () => undefined,
        )
        .then((abort) => aborts.push(abort)),
    );
  }
  return { ready: Promise.all(openings).then(() => undefined), done, stop: () => aborts.forEach((abort) => abort.abort()) };
}

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

export const scenario: BenchScenario = {
  name: 'api-throughput',
  async run({ quick, progress }) {
    const pods = quick ? 100 : 2000;
    const totalObjects = quick ? 200 : 5000;
    const watchers = 20;
    const updates = quick ? 100 : 1000;
    const listRepetitions = quick ? 5 : 15;
    const sandbox = await startTestSandbox();
    try {
      const kc = sandbox.kubeConfig();
      const core = kc.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      progress?.(`creating ${pods} pods (Pending: they name a scheduler nobody runs, so the kubelet stays idle)`);
      let started = performance.now();
      await inParallel(pods, 16, (index) =>
        core.createNamespacedPod({ namespace, body: { metadata: { name: `pod-${index}`, labels: { bench: 'api' } }, spec: { schedulerName: 'bench-nobody', containers: [{ name: 'app', image: 'visits-app:1.0' }] } } }),
      );
      const createPerSecond = pods / ((performance.now() - started) / 1000);

      progress?.(`listing ${pods} pods ${listRepetitions} times`);
      const listMs: number[] = [];
      let resourceVersion = '';
      for (let round = 0; round < listRepetitions; round += 1) {
        started = performance.now();
        const list = await core.listNamespacedPod({ namespace });
        listMs.push(performance.now() - started);
        if (list.items.length < pods) throw new Error(`the list returned ${list.items.length} of ${pods} pods`);
        resourceVersion = list.metadata?.resourceVersion ?? '';
      }
      const list = median(listMs);
      const figures: BenchFigure[] = [
        { metric: 'pod creates per second (16 in flight)', value: Math.round(createPerSecond), unit: '/s' },
        { metric: `list of ${pods} pods (median of ${listRepetitions})`, value: Math.round(list), unit: 'ms', target: '< 100 ms', pass: list < 100 },
      ];

      progress?.(`${updates} pod patches watched by ${watchers} watchers`);
      const watching = await watchUntil(kc, watchers, resourceVersion, updates);
      await watching.ready;
      started = performance.now();
      await inParallel(updates, 16, (index) => core.patchNamespacedPod({ name: `pod-${index % pods}`, namespace, body: { metadata: { annotations: { 'bench/round': String(index) } } } }, mergePatch));
      const written = performance.now();
      const doneAt = await Promise.race([watching.done, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`the watchers did not see ${updates} events within 120 s`)), 120_000).unref())]);
      watching.stop();
      const delivered = (updates * watchers) / ((doneAt - started) / 1000);
      figures.push(
        { metric: `watch events delivered per second, ${watchers} watchers`, value: Math.round(delivered), unit: '/s', target: '>= 1000/s', pass: delivered >= 1000 },
        { metric: `writes per second while ${watchers} watchers follow`, value: Math.round(updates / ((written - started) / 1000)), unit: '/s' },
        { metric: 'last write -> last watcher has the event', value: Math.round(Math.max(0, doneAt - written)), unit: 'ms' },
      );

      progress?.(`filling up to ${totalObjects} objects with ConfigMaps for the memory figure`);
      await inParallel(totalObjects - pods, 16, (index) => core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `cm-${index}` }, data: { index: String(index), text: 'x'.repeat(256) } } }));
      const rss = residentMegabytes(sandbox.child.pid ?? 0);
      figures.push({ metric: `sandbox resident memory with ${totalObjects} objects (+ the demo apps)`, value: Math.round(rss), unit: 'MB', target: quick ? undefined : '< 200 MB', pass: quick ? undefined : rss < 200 });
      return figures;
    } finally {
      await sandbox.dispose();
    }
  },
};
