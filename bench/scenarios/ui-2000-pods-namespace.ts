import { readdirSync } from 'node:fs';
import http from 'node:http';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startUiProduct, type UiProduct, pendingStatefulSet } from '../support/uiProduct';
import { processListensOn } from '../../test/faults/support/listenerOwner';
import { median, type BenchFigure, type BenchScenario } from '../scenario';
import { residentMegabytes } from '../support/processStats';

/**
 * A namespace with a 2,000-pod StatefulSet (quick: 100), seen by the real product in Chromium: the
 * dashboard server's resident memory, the size of the page's first stream message, the time from
 * navigation to every pod card in the DOM (median of 3 loads), and the longest main-thread task while
 * 50 pod events a second stream in. The pods name a scheduler nobody runs, so they stay Pending: the
 * API objects are as many as on a real cluster without 2,000 simulated containers on two cores.
 */
const eventsPerSecond = 50;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The process serving the dashboard's port (the product helper does not hand out its pid). */
function pidListeningOn(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (processListensOn(Number(entry), '127.0.0.1', port)) return Number(entry);
    } catch {
      // Not ours to read, or gone.
    }
  }
  throw new Error(`no process of this user listens on 127.0.0.1:${port}`);
}

/** Bytes of the first SSE message (the snapshot) of a stream. */
function snapshotBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const start = text.indexOf('event: snapshot');
        const end = start >= 0 ? text.indexOf('\n\n', start) : -1;
        if (end >= 0) {
          request.destroy();
          resolve(Buffer.byteLength(text.slice(start, end)));
        }
      });
    });
    request.on('error', reject);
  });
}

async function firstRenderMs(product: UiProduct, name: string, pods: number): Promise<number> {
  const started = performance.now();
  await product.page.goto(`${product.url}/c/sandbox/ns/default/sts/${name}`);
  await product.page.waitForFunction(`document.querySelectorAll('[data-testid^="pod-card-${name}-"]').length >= ${pods}`, undefined, { timeout: 180_000, polling: 'raf' });
  return performance.now() - started;
}

export const scenario: BenchScenario = {
  name: 'ui-2000-pods-namespace',
  async run({ quick, progress }) {
    const pods = quick ? 100 : 2000;
    const seconds = quick ? 4 : 15;
    const name = `bench-big-${pods}`;
    const product = await startUiProduct();
    try {
      const port = Number(new URL(product.url).port);
      const pid = pidListeningOn(port);
      await product.apps.createNamespacedStatefulSet({ namespace: 'default', body: pendingStatefulSet(name, pods) });
      progress?.(`waiting for ${pods} pods to exist`);
      for (;;) {
        const listed = await product.core.listNamespacedPod({ namespace: 'default', labelSelector: `app=${name}` });
        if (listed.items.length >= pods) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      progress?.('loading the page 3 times');
      const renders: number[] = [];
      for (let load = 0; load < 3; load += 1) renders.push(await firstRenderMs(product, name, pods));
      const snapshot = await snapshotBytes(`${product.url}/api/contexts/sandbox/namespaces/default/statefulsets/${name}/stream`);
      const rss = residentMegabytes(pid);

      // The steady state is measured: the last load first finishes (the rest of the cards, the first visits sample).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      progress?.(`${eventsPerSecond} pod events per second for ${seconds} s`);
      await product.page.evaluate(() => {
        const durations: number[] = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) durations.push(entry.duration);
        }).observe({ type: 'longtask', buffered: false });
        (window as unknown as { longTasks: number[] }).longTasks = durations;
      });
      const total = eventsPerSecond * seconds;
      const started = Date.now();
      const inFlight: Promise<unknown>[] = [];
      for (let sent = 0; sent < total; sent += 1) {
        const wait = started + (sent * 1000) / eventsPerSecond - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(product.core.patchNamespacedPod({ name: `${name}-${sent % pods}`, namespace: 'default', body: { metadata: { annotations: { 'bench/tick': String(sent) } } } }, mergePatch).catch(() => undefined));
      }
      await Promise.all(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const longTasks = await product.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
      const longest = longTasks.length ? Math.max(...longTasks) : 0;
      const figures: BenchFigure[] = [
        { metric: `dashboard server resident memory, ${pods} pods open`, value: Math.round(rss), unit: 'MB' },
        { metric: `first stream message (snapshot), ${pods} pods`, value: Number((snapshot / 1024).toFixed(1)), unit: 'KiB' },
        { metric: `navigation -> all ${pods} pod cards in the DOM (median of 3)`, value: Math.round(median(renders)), unit: 'ms' },
        { metric: `longest main-thread task, ${eventsPerSecond} events/s on ${pods} pods (0 = none over 50 ms)`, value: Math.round(longest), unit: 'ms', target: '< 100 ms', pass: longest < 100 },
      ];
      return figures;
    } finally {
      await product.stop();
    }
  },
};
