/**
 * A developer tool, not a benchmark: loads the StatefulSet page of a StatefulSet with N Pending pods,
 * streams 50 pod events/s for a few seconds under Chromium's CPU profiler, and prints where the main
 * thread spent its time (self time per function and per script) and the long tasks.
 * The profile covers the events only, from 2 s after every card is in the DOM.
 * Usage: npx tsx bench/support/profilePage.ts [pods] [seconds] [ready]  (ready: Running pods instead of Pending ones)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { createAndWaitReady, startUiProduct, pendingStatefulSet } from './uiProduct';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

async function main() {
  // Piped into `head`, a closed stdout must not kill the run before it stops the product it started.
  process.stdout.on('error', () => undefined);
  const pods = Number(process.argv[2] ?? 200);
  const seconds = Number(process.argv[3] ?? 4);
  const ready = process.argv[4] === 'ready';
  const name = `prof-${pods}`;
  const product = await startUiProduct();
  try {
    if (ready) await createAndWaitReady(product, name, pods, 900_000);
    else await product.apps.createNamespacedStatefulSet({ namespace: 'default', body: pendingStatefulSet(name, pods) });
    for (; !ready; ) {
      const listed = await product.core.listNamespacedPod({ namespace: 'default', labelSelector: `app=${name}` });
      if (listed.items.length >= pods) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Which stream messages arrive when, so each long task can be set against what came just before it.
    await product.page.addInitScript(`(() => {
      const Native = window.EventSource;
      window.__messages = [];
      window.EventSource = class extends Native {
        constructor(url, options) {
          super(url, options);
          for (const type of ['snapshot', 'patch', 'pods', 'visits', 'traffic', 'message']) super.addEventListener(type, () => window.__messages.push([type, performance.now()]));
        }
      };
    })()`);
    const cdp = await product.page.context().newCDPSession(product.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const opened = Date.now();
    await product.page.goto(`${product.url}/c/sandbox/ns/default/sts/${name}`);
    await product.page.waitForFunction(`document.querySelectorAll('[data-testid^="pod-card-${name}-"]').length >= ${pods}`, undefined, { timeout: 180_000, polling: 'raf' });
    console.log(`navigation -> ${pods} cards: ${Date.now() - opened} ms`);
    await product.page.waitForTimeout(2000);
    await cdp.send('Profiler.start');
    await product.page.evaluate(`(() => { const d = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) d.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: false }); window.longTasks = d; })()`);
    // Which parts of the page lose many DOM nodes at once (a React subtree unmounting) during the events.
    await product.page.evaluate(`(() => {
      const removals = [];
      const where = (node) => {
        for (let at = node; at; at = at.parentElement) {
          const label = at.getAttribute && (at.getAttribute('data-testid') || at.getAttribute('aria-label') || at.id);
          if (label) return label;
        }
        return node.nodeName;
      };
      new MutationObserver((records) => {
        for (const record of records) {
          let count = 0;
          record.removedNodes.forEach((node) => { count += 1 + (node.querySelectorAll ? node.querySelectorAll('*').length : 0); });
          if (count >= 50) removals.push(where(record.target) + ': ' + count);
        }
      }).observe(document.body, { subtree: true, childList: true });
      window.bigRemovals = removals;
    })()`);
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const started = Date.now();
    const inFlight: Promise<unknown>[] = [];
    for (let sent = 0; sent < 50 * seconds; sent += 1) {
      const wait = started + (sent * 1000) / 50 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(product.core.patchNamespacedPod({ name: `${name}-${sent % pods}`, namespace: 'default', body: { metadata: { annotations: { 'bench/tick': String(sent) } } } }, mergePatch).catch(() => undefined));
    }
    await Promise.all(inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const longTasks = await product.page.evaluate<[number, number][]>('window.longTasks');
    const messages = await product.page.evaluate<[string, number][]>('window.__messages');
    console.log(`long tasks during events: ${longTasks.length}`);
    for (const [start, duration] of longTasks) {
      const before = messages.filter(([, at]) => at <= start + 1 && at > start - 100).map(([type]) => type);
      console.log(`  ${duration} ms at ${start} ms; stream messages in the 100 ms before: ${before.join(', ') || 'none'}`);
    }
    console.log('subtrees of 50+ nodes removed during events:', await product.page.evaluate('window.bigRemovals'));
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const profileDir = path.join(os.tmpdir(), 'uiprof');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(path.join(profileDir, `profile-${pods}.cpuprofile`), JSON.stringify(profile));
    const selfByFunction = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, index) => {
      const node = nodes.get(id);
      if (!node) return;
      const frame = node.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
      selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
    const top = [...selfByFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
    for (const [key, ms] of top) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
  } finally {
    await product.stop();
  }
}

void main();
