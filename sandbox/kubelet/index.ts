import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { WatchEvent } from '../store/types';
import { SandboxContainerRuntime } from './containerRuntime';
import { stageDelaysFrom, type KubeletContext } from './kubeletContext';
import { nodeCapacity, nodeName } from './node/nodeObject';
import { NodeRegistration } from './node/nodeRegistration';
import { detectAddressMode, PodAddressAllocator } from './pods/podAddresses';
import { PodWorker } from './pods/podWorker';
import { podKey, type Pod } from './podTypes';
import type { ContainerRuntime } from './runtimeInterface';

const resyncMs = 10_000;

/**
 * The sandbox's node agent: registers the node `sandbox`, runs the pods bound to it (one worker per
 * pod, driven by the pod watch and a periodic resync), and serves exec and logs to the API server.
 */
export async function startKubelet(ctx: SandboxContext): Promise<RunningComponent & { runtime: ContainerRuntime }> {
  const registration = new NodeRegistration(ctx);
  await registration.register();

  const capacity = nodeCapacity();
  // SANDBOX_POD_ADDRESSES=mapped-ports forces the fallback (to try what macOS users get).
  const addresses = new PodAddressAllocator(process.env.SANDBOX_POD_ADDRESSES === 'mapped-ports' ? 'mapped-ports' : await detectAddressMode());
  if (addresses.mode === 'mapped-ports') ctx.log('kubelet', 'this system refuses 127.244.x.y addresses: pods share 127.0.0.1 with mapped ports');
  const podsDirectory = path.join(ctx.dataDir, 'kubelet', 'pods');
  mkdirSync(podsDirectory, { recursive: true });
  const timers = new Set<NodeJS.Timeout>();
  let imageReport: NodeJS.Timeout | undefined;
  const kubelet: KubeletContext = {
    sandbox: ctx,
    nodeName,
    hostIP: '127.0.0.1',
    addresses,
    podsDirectory,
    pulledImages: registration.pulledImages,
    pullsInFlight: new Map(),
    imagePulled: () => {
      if (imageReport) return;
      imageReport = setTimeout(() => {
        imageReport = undefined;
        void registration.heartbeat();
      }, 1000);
    },
    nodeAllocatable: { cpu: capacity.cpu, memory: capacity.memoryBytes },
    delays: stageDelaysFrom(process.env.SANDBOX_STAGE_DELAYS_MS),
    sleep: (stageMs) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, stageMs * ctx.speed);
        timers.add(timer);
      }),
  };

  const workers = new Map<string, PodWorker>();
  const byKey = new Map<string, PodWorker>();
  let stopping = false;

  const forget = (worker: PodWorker) => {
    if (workers.get(worker.uid) === worker) workers.delete(worker.uid);
    const key = podKey(worker.namespace, worker.name);
    if (byKey.get(key) === worker) byKey.delete(key);
  };

  const removeLeftover = async (pod: Pod) => {
    // A pod that was being deleted when the sandbox stopped: its containers are gone already.
    try {
      await ctx.client.delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, uid: pod.metadata.uid });
    } catch {
      // Already gone.
    }
  };

  const handle = (event: WatchEvent<Pod>) => {
    if (stopping) return;
    const pod = event.object;
    const uid = pod.metadata.uid ?? '';
    const existing = workers.get(uid);
    if (event.type === 'DELETED') {
      if (existing) void existing.destroy();
      return;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
    if (pod.spec?.nodeName !== nodeName) return;
    if (existing) {
      existing.update(pod);
      return;
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (pod.metadata.deletionTimestamp) {
      void removeLeftover(pod);
      return;
    }
    const worker = new PodWorker(kubelet, pod, forget);
    workers.set(uid, worker);
    byKey.set(podKey(pod.metadata.namespace, pod.metadata.name), worker);
    worker.run().catch((error: unknown) => ctx.log('kubelet', `pod ${podKey(pod.metadata.namespace, pod.metadata.name)} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  };

  const stopWatch = ctx.client.watch<Pod>(resources.pods, undefined, '0', handle);
  removeOrphanedPodDirectories(ctx, podsDirectory);

  // The resync: pods whose events were missed, and pods removed without a DELETED event.
  const resync = setInterval(() => {
    const listed = ctx.client.list<Pod>(resources.pods, undefined).items;
    const present = new Set(listed.map((pod) => pod.metadata.uid));
    for (const pod of listed) handle({ type: 'MODIFIED', object: pod });
    for (const worker of [...workers.values()]) if (!present.has(worker.uid)) void worker.destroy();
  }, resyncMs);
  resync.unref?.();

  const runtime = new SandboxContainerRuntime((namespace, name) => byKey.get(podKey(namespace, name)));

  return {
    runtime,
    async stop() {
      stopping = true;
      stopWatch();
      clearInterval(resync);
      registration.stop();
      if (imageReport) clearTimeout(imageReport);
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...workers.values()].map((worker) => worker.shutdown()));
    },
  };
}

/** Directories of pods deleted while the sandbox was down (emptyDirs, layers, logs) go, as the kubelet's cleanup does. */
function removeOrphanedPodDirectories(ctx: SandboxContext, podsDirectory: string): void {
  const known = new Set(ctx.client.list<Pod>(resources.pods, undefined).items.map((pod) => pod.metadata.uid));
  for (const uid of readdirSync(podsDirectory)) {
    if (!known.has(uid)) rmSync(path.join(podsDirectory, uid), { recursive: true, force: true });
  }
}
