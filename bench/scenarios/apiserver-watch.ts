import { startTestSandbox } from '../../test/support/sandbox';
import { idlePod, inParallel, rawClient } from '../apiserver/rawClient';
import type { BenchScenario } from '../scenario';
import { processCpuMs } from '../support/processStats';

/** The process's CPU time so far, or undefined where /proc cannot tell (the figure is then left out). */
function cpuMsIfKnown(pid: number | undefined): number | undefined {
  try {
    return pid ? processCpuMs(pid) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watch fan-out: 20 watchers on the pods of a namespace while writers make 3,000 changes (quick:
 * 200) as fast as the API takes them, after a warm-up the watches do not see. The figure is change
 * events per second delivered to every watcher (target: 1,000/s to 20 watchers), measured from the
 * first write to the last delivery. The sandbox's CPU time per change is printed too: unlike the
 * rate, it hardly depends on what else the machine is doing.
 */
export const scenario: BenchScenario = {
  name: 'apiserver-watch',
  async run({ quick, progress }) {
    const watchers = 20;
    const pods = quick ? 100 : 250;
    const updates = quick ? 200 : 3000;
    const warmUp = quick ? 100 : 500;
    const sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'none' } });
    const client = rawClient(sandbox);
    const stops: Array<() => void> = [];
    try {
      await client.request('POST', '/api/v1/namespaces', { metadata: { name: 'bench' } });
      await inParallel(pods, 32, (index) => client.request('POST', '/api/v1/namespaces/bench/pods', idlePod(`pod-${index}`, 'bench')));
      // Steady state, not the first second of a cold process: warm the patch path up before the watches open.
      await inParallel(warmUp, 32, (index) =>
        client.request('PATCH', `/api/v1/namespaces/bench/pods/pod-${index % pods}`, { metadata: { labels: { warm: String(index) } } }, 'application/merge-patch+json'),
      );
      const list = JSON.parse((await client.request('GET', '/api/v1/namespaces/bench/pods?limit=1')).text) as { metadata: { resourceVersion: string } };
      const seen = new Array<number>(watchers).fill(0);
      let lastDelivery = 0;
      let allDelivered: () => void = () => undefined;
      const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
      let complete = 0;
      progress?.(`opening ${watchers} watches`);
      for (let index = 0; index < watchers; index++) {
        stops.push(
          await client.watch(`/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, (line) => {
            if (!line.startsWith('{"type":"MODIFIED"')) return;
            if (++seen[index] === updates) {
              lastDelivery = performance.now();
              if (++complete === watchers) allDelivered();
            }
          }),
        );
      }
      progress?.(`writing ${updates} changes`);
      const cpuBefore = cpuMsIfKnown(sandbox.child.pid);
      const firstWrite = performance.now();
      await inParallel(updates, 32, (index) =>
        client.request('PATCH', `/api/v1/namespaces/bench/pods/pod-${index % pods}`, { metadata: { labels: { round: String(index) } } }, 'application/merge-patch+json'),
      );
      const writesDone = performance.now();
      await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 60_000))]);
      if (complete < watchers) throw new Error(`only ${complete} of ${watchers} watchers saw all ${updates} changes`);
      const cpuAfter = cpuMsIfKnown(sandbox.child.pid);
      const seconds = (lastDelivery - firstWrite) / 1000;
      const perSecond = updates / seconds;
      for (const stop of stops.splice(0)) stop();

      // Delivery capacity without the write path: 20 new watchers replay the same changes from the
      // change window, all at once.
      progress?.(`replaying ${updates} changes to ${watchers} new watchers`);
      let replayed = 0;
      let replayDone: () => void = () => undefined;
      const replayFinished = new Promise<void>((resolve) => (replayDone = resolve));
      const replayCounts = new Array<number>(watchers).fill(0);
      const replayStart = performance.now();
      for (let index = 0; index < watchers; index++) {
        stops.push(
          await client.watch(`/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, (line) => {
            if (line.startsWith('{"type":"MODIFIED"') && ++replayCounts[index] === updates && ++replayed === watchers) replayDone();
          }),
        );
      }
      await Promise.race([replayFinished, new Promise((resolve) => setTimeout(resolve, 60_000))]);
      const replaySeconds = (performance.now() - replayStart) / 1000;
      return [
        { metric: `change events/s delivered to each of ${watchers} watchers`, value: perSecond, unit: '/s', target: '>= 1000/s', pass: perSecond >= 1000 },
        { metric: 'total events delivered per second (all watchers)', value: (updates * watchers) / seconds, unit: '/s' },
        { metric: `replay: events/s to each of ${watchers} watchers (delivery capacity)`, value: replayed === watchers ? updates / replaySeconds : 0, unit: '/s', target: '>= 1000/s', pass: replayed === watchers && updates / replaySeconds >= 1000 },
        { metric: 'writes accepted per second (32 concurrent, fsynced)', value: updates / ((writesDone - firstWrite) / 1000), unit: '/s' },
        { metric: 'delivery lag after the last write', value: lastDelivery - writesDone, unit: 'ms' },
        ...(cpuBefore !== undefined && cpuAfter !== undefined
          ? [{ metric: `sandbox CPU per change (write + delivery to ${watchers} watchers)`, value: (cpuAfter - cpuBefore) / updates, unit: 'ms' }]
          : []),
      ];
    } finally {
      for (const stop of stops) stop();
      client.close();
      await sandbox.dispose();
    }
  },
};
