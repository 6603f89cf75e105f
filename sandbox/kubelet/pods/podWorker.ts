import { rmSync } from 'node:fs';
import path from 'node:path';
import { resources } from '../../apiserver/registry/clusterClient';
import { ContainerRunner, type ContainerHost } from '../containers/containerRunner';
import { containerMounts, VolumeSetupError } from '../filesystem/podVolumes';
import type { Mount } from '../filesystem/containerFileSystem';
import type { KubeletContext } from '../kubeletContext';
import type { Pod } from '../podTypes';

const minimumTerminationMs = 1000;
import { buildPodStatus, sameStatus } from './podStatusBuilder';

function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { code?: number }).code === 409 || (error as { status?: { code?: number } }).status?.code === 409);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { code?: number }).code === 404 || (error as { status?: { code?: number } }).status?.code === 404);
}

/**
 * Everything the kubelet does for one pod, like its pod workers: set up the sandbox (address),
 * mount volumes, run containers in order, write the status, and on deletion stop the containers
 * within the grace period and remove the pod. `update` is idempotent: it is called for every
 * watch event of the pod.
 */
export class PodWorker {
  private pod: Pod;
  private readonly containers: ContainerRunner[];
  private podIP: string | undefined;
  private sandboxReady = false;
  private readonly startTime: string;
  /** The address before a sandbox restart, reused when still free so Endpoints stay the same. */
  private readonly previousPodIP: string | undefined;
  private terminating = false;
  private finished = false;
  private statusScheduled = false;
  private statusWrite: Promise<void> = Promise.resolve();
  private mountsByContainer = new Map<string, Mount[]>();
  readonly podDirectory: string;

  constructor(
    private readonly kubelet: KubeletContext,
    pod: Pod,
    private readonly onGone: (worker: PodWorker) => void,
  ) {
    this.pod = pod;
    this.podDirectory = path.join(kubelet.podsDirectory, pod.metadata.uid ?? 'unknown');
    this.previousPodIP = pod.status?.podIP;
    this.startTime = pod.status?.startTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const host: ContainerHost = {
      kubelet,
      pod: () => this.pod,
      podIP: () => this.podIP ?? kubelet.hostIP,
      hostname: () => this.pod.spec.hostname ?? this.pod.metadata.name ?? '',
      podDirectory: this.podDirectory,
      mounts: (name) => this.mountsByContainer.get(name) ?? [],
      event: (type, reason, message) => this.event(type, reason, message),
      changed: () => this.scheduleStatus(),
      terminating: () => this.terminating,
    };
    this.containers = pod.spec.containers.map((container) => new ContainerRunner(container, host));
    for (const runner of this.containers) runner.recover(pod.status?.containerStatuses?.find((status) => status.name === runner.name));
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  get namespace(): string {
    return this.pod.metadata.namespace ?? 'default';
  }

  get name(): string {
    return this.pod.metadata.name ?? '';
  }

  get address(): string | undefined {
    return this.podIP;
  }

  get defaultContainerName(): string {
    return this.pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? this.containers[0]?.name ?? '';
  }

  container(name: string): ContainerRunner | undefined {
    return this.containers.find((runner) => runner.name === name);
  }

  allContainers(): readonly ContainerRunner[] {
    return this.containers;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.kubelet.sandbox.recordEvent({ involved: this.pod, type, reason, message, component: 'kubelet', host: this.kubelet.nodeName });
  }

  /** Starts the pod's life; called once, right after construction. */
  async run(): Promise<void> {
    // The first status is written once the sandbox has its address: one write fewer per pod,
    // and the scheduler's Pending status covers the few milliseconds before.
    await this.kubelet.sleep(this.kubelet.delays.sandbox);
    if (this.terminating) return;
    const ports = this.pod.spec.containers.flatMap((container) => (container.ports ?? []).map((port) => port.containerPort));
    this.podIP = await this.kubelet.addresses.allocate(this.uid, this.previousPodIP, ports.length ? ports : [8080]);
    if (this.terminating) {
      this.kubelet.addresses.release(this.uid);
      return;
    }
    this.sandboxReady = true;
    this.scheduleStatus();
    if (!(await this.mountVolumes())) return;
    for (const runner of this.containers) {
      if (this.terminating) return;
      await runner.start();
    }
  }

  /** Retries until every volume can be mounted (a claim still being bound, a ConfigMap not yet created). */
  private async mountVolumes(): Promise<boolean> {
    let lastMessage = '';
    for (let attempt = 0; !this.terminating; attempt += 1) {
      try {
        const mounts = new Map<string, Mount[]>();
        for (const runner of this.containers) {
          mounts.set(runner.name, containerMounts(this.pod, runner.name, { client: this.kubelet.sandbox.client, dataDir: this.kubelet.sandbox.dataDir, podDirectory: this.podDirectory }));
        }
        this.mountsByContainer = mounts;
        return true;
      } catch (error) {
        if (!(error instanceof VolumeSetupError)) throw error;
        // Report a problem once it lasts a little, and again only when it changes.
        if (attempt >= 3 && error.message !== lastMessage) {
          lastMessage = error.message;
          this.event('Warning', 'FailedMount', error.message);
        }
        await this.kubelet.sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
      }
    }
    return false;
  }

  /** A new version of the pod from the watch. */
  update(pod: Pod): void {
    if (pod.metadata.uid !== this.uid) return;
    this.pod = pod;
    if (pod.metadata.deletionTimestamp) {
      if (!this.terminating) void this.terminate();
      return;
    }
    for (const container of pod.spec.containers) void this.container(container.name)?.changeSpec(container);
  }

  /** deletionTimestamp is set: stop every container within the grace period, then remove the pod. */
  private async terminate(): Promise<void> {
    this.terminating = true;
    const graceSeconds = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    for (const runner of this.containers) if (runner.isRunning) this.event('Normal', 'Killing', `Stopping container ${runner.name}`);
    // A real kubelet needs about a second from seeing deletionTimestamp to removing the pod (SIGTERM,
    // exit, status sync). Keep that floor at any SANDBOX_SPEED: `kubectl delete` reads the terminating
    // pod before it watches for its removal, and hangs if the StatefulSet's replacement appears first.
    const minimumTermination = new Promise<void>((resolve) => setTimeout(resolve, minimumTerminationMs));
    await Promise.all([minimumTermination, this.kubelet.sleep(this.kubelet.delays.stop), ...this.containers.map((runner) => runner.stop(graceSeconds * 1000))]);
    this.scheduleStatus();
    await this.statusWrite;
    await this.flushStatusNow();
    try {
      await this.kubelet.sandbox.client.delete(resources.pods, this.namespace, this.name, { gracePeriodSeconds: 0, uid: this.uid });
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) this.kubelet.sandbox.log('kubelet', `could not remove pod ${this.namespace}/${this.name}: ${String(error)}`);
    }
    this.cleanUp();
  }

  /** The pod is gone from the API (deleted at once, or we removed it): release everything. */
  async destroy(): Promise<void> {
    this.terminating = true;
    await Promise.all(this.containers.map((runner) => runner.stop(0)));
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.finished) return;
    this.finished = true;
    this.kubelet.addresses.release(this.uid);
    // emptyDir volumes, writable layers and logs share the pod's lifetime.
    rmSync(this.podDirectory, { recursive: true, force: true });
    this.onGone(this);
  }

  /** Stops containers without deleting anything: the sandbox process is shutting down. */
  async shutdown(): Promise<void> {
    this.terminating = true;
    await Promise.all(this.containers.map((runner) => runner.stop(1000)));
  }

  private scheduleStatus(): void {
    if (this.statusScheduled || this.finished) return;
    this.statusScheduled = true;
    setImmediate(() => {
      this.statusScheduled = false;
      this.statusWrite = this.statusWrite.then(() => this.flushStatusNow()).catch(() => undefined);
    });
  }

  /** Writes the status computed from the containers onto the newest stored pod; retries on conflicts. */
  private async flushStatusNow(): Promise<void> {
    const client = this.kubelet.sandbox.client;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const stored = client.get<Pod>(resources.pods, this.namespace, this.name);
      if (!stored || stored.metadata.uid !== this.uid) return;
      const status = buildPodStatus(stored, {
        sandboxReady: this.sandboxReady,
        podIP: this.podIP ?? this.previousPodIP,
        hostIP: this.kubelet.hostIP,
        startTime: this.startTime,
        containers: this.containers.map((runner) => runner.status()),
      });
      if (sameStatus(stored.status, status)) return;
      try {
        await client.updateStatus<Pod>(resources.pods, { ...stored, status });
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isConflict(error)) {
          this.kubelet.sandbox.log('kubelet', `status update of ${this.namespace}/${this.name} failed: ${String(error)}`);
          return;
        }
      }
    }
  }
}
