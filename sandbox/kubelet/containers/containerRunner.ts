import { randomBytes } from 'node:crypto';
import { rmSync, mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { findImage, imageId, normalizeImageReference, type ImageDefinition, type RunningImage } from '../../images/catalogue';
import { ContainerFileSystem, type Mount } from '../filesystem/containerFileSystem';
import { ImageRootBacking } from '../filesystem/imageRootBacking';
import { ContainerLog } from '../logs/containerLog';
import type { KubeletContext } from '../kubeletContext';
import type { Container, ContainerStateJson, ContainerStatusJson, Pod, Probe } from '../podTypes';
import { containerProbeAction } from '../probes/containerProbeAction';
import { ProbeWorker, type ProbeKind } from '../probes/probeWorker';
import { ContainerConfigError, containerEnvironment } from './containerEnvironment';
import { containerEtcFiles } from './containerEtcFiles';
import { goDuration, imageNotFoundReason, pullPolicy } from './imagePullMessages';

/** What a container needs from its pod worker. */
export interface ContainerHost {
  kubelet: KubeletContext;
  pod(): Pod;
  podIP(): string;
  hostname(): string;
  podDirectory: string;
  mounts(containerName: string): Mount[];
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** The container's status changed; the pod worker writes the pod status soon. */
  changed(): void;
  /** True once the pod is being deleted: no new starts. */
  terminating(): boolean;
}

const maxBackoffSeconds = 300;

/**
 * One download per image at a time, as containerd deduplicates concurrent pulls of a reference: the
 * pods that ask while it runs wait for it, so a burst of pods pays the pull delay once, not each.
 */
function pullOnce(kubelet: KubeletContext, reference: string | undefined, pull: () => Promise<void>): Promise<void> {
  if (reference === undefined) return pull();
  const running = kubelet.pullsInFlight.get(reference);
  if (running) return running;
  const pulling = pull().finally(() => kubelet.pullsInFlight.delete(reference));
  kubelet.pullsInFlight.set(reference, pulling);
  return pulling;
}

/**
 * One container of a pod: pull, create, start, probes, restarts with CrashLoopBackOff, and the
 * status fields the kubelet reports for it. Every asynchronous step checks `attempt` so that a
 * kill or a pod deletion cancels a start in progress.
 */
export class ContainerRunner {
  restartCount = 0;
  state: ContainerStateJson = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerStateJson = {};
  ready = false;
  started = false;
  containerID: string | undefined;
  imageID = '';
  log: ContainerLog | undefined;
  previousLog: ContainerLog | undefined;
  fs: ContainerFileSystem | undefined;
  env: Map<string, string> | undefined;
  /** containerPort -> where it really listens. */
  listening = new Map<number, { host: string; port: number }>();

  private image: ImageDefinition | undefined;
  private running: RunningImage | undefined;
  private probes: ProbeWorker[] = [];
  private attempt = 0;
  private crashBackoffSeconds = 0;
  private pullBackoffSeconds = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private startedAtMs = 0;

  constructor(
    public spec: Container,
    private readonly host: ContainerHost,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get isRunning(): boolean {
    return this.running !== undefined && this.state.running !== undefined;
  }

  /**
   * How the running program takes a connection accepted for `containerPort` by someone else (the
   * Service proxy hands it over, as DNAT would), when it serves that port in this process.
   */
  connectionHandlerFor(containerPort: number): ((socket: Socket) => boolean) | undefined {
    const running = this.running;
    if (!running?.acceptConnection || this.listening.get(containerPort) !== running.address) return undefined;
    return (socket) => running.acceptConnection?.(socket) ?? false;
  }

  /** Picks up where a container was before the sandbox process stopped (a node reboot). */
  recover(previous: ContainerStatusJson | undefined): void {
    if (!previous) return;
    this.restartCount = previous.restartCount ?? 0;
    if (previous.state?.running) {
      this.lastState = { terminated: { exitCode: 255, reason: 'Unknown', startedAt: previous.state.running.startedAt, finishedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), containerID: previous.containerID } };
      this.restartCount += 1;
    } else if (previous.lastState?.terminated) this.lastState = previous.lastState;
    const logFile = this.logFile(this.restartCount - 1);
    if (this.restartCount > 0) this.previousLog = ContainerLog.load(logFile);
  }

  private logFile(instance: number): string {
    return path.join(this.host.podDirectory, 'logs', this.name, `${Math.max(0, instance)}.log`);
  }

  status(): ContainerStatusJson {
    const reference = normalizeImageReference(this.spec.image);
    return {
      name: this.name,
      state: this.state,
      lastState: this.lastState,
      ready: this.ready,
      restartCount: this.restartCount,
      image: this.image ? this.image.reference : reference,
      imageID: this.imageID,
      ...(this.containerID ? { containerID: this.containerID } : {}),
      started: this.started,
    };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.event(type, reason, message);
  }

  private setState(state: ContainerStateJson): void {
    this.state = state;
    this.host.changed();
  }

  private cancelled(attempt: number): boolean {
    return attempt !== this.attempt || this.host.terminating();
  }

  private retryLater(delayMs: number, action: () => void): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.host.terminating()) action();
    }, delayMs);
  }

  /** Pull (as the policy says), create, start. Failures schedule their own retry. */
  async start(): Promise<void> {
    const attempt = ++this.attempt;
    const kubelet = this.host.kubelet;
    if (!(await this.pull(attempt))) return;
    if (this.cancelled(attempt)) return;
    const image = this.image as ImageDefinition;

    let env: Map<string, string>;
    try {
      env = containerEnvironment({
        client: kubelet.sandbox.client,
        pod: this.host.pod(),
        container: this.spec,
        imageEnv: image.env,
        hostname: this.host.hostname(),
        podIP: this.host.podIP(),
        hostIP: kubelet.hostIP,
        nodeAllocatable: kubelet.nodeAllocatable,
      });
    } catch (error) {
      if (!(error instanceof ContainerConfigError)) throw error;
      this.event('Warning', 'Failed', `Error: ${error.message}`);
      this.setState({ waiting: { reason: 'CreateContainerConfigError', message: error.message } });
      this.retryLater(10_000 * kubelet.sandbox.speed, () => void this.start());
      return;
    }

    // A new container: fresh writable layer, new ID, new log.
    const layer = path.join(this.host.podDirectory, 'containers', this.name, 'rootfs');
    rmSync(layer, { recursive: true, force: true });
    mkdirSync(layer, { recursive: true });
    const hostname = this.host.hostname();
    const pod = this.host.pod();
    const files = new Map([...image.files, ...containerEtcFiles(pod, hostname, this.host.podIP())]);
    this.fs = new ContainerFileSystem(this.spec.workingDir ?? image.workingDir, new ImageRootBacking(files, layer, new Date(0)), this.host.mounts(this.name));
    this.env = env;
    this.containerID = `containerd://${randomBytes(32).toString('hex')}`;
    if (this.log) this.previousLog = this.log;
    this.log = new ContainerLog(this.logFile(this.restartCount));
    // Only the current and the previous container's logs are kept, as on a node.
    if (this.restartCount >= 2) rmSync(this.logFile(this.restartCount - 2), { force: true });
    this.event('Normal', 'Created', `Created container: ${this.name}`);
    await kubelet.sleep(kubelet.delays.create);
    if (this.cancelled(attempt)) return;

    const declaredPort = Number(env.get('PORT') ?? this.spec.ports?.[0]?.containerPort ?? image.defaultPort);
    const mapped = kubelet.addresses.mode === 'mapped-ports';
    try {
      const dataDir = await this.fs.hostDirectory(this.fs.resolve('data'));
      await kubelet.sleep(kubelet.delays.start);
      if (this.cancelled(attempt)) return;
      this.running = await image.start({
        host: mapped ? '127.0.0.1' : this.host.podIP(),
        port: mapped ? 0 : declaredPort,
        dataDir,
        hostname,
        env: Object.fromEntries(env),
        log: (line) => this.log?.write(line),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.write(`Error: ${message}`);
      this.event('Warning', 'Failed', `Error: failed to start container "${this.name}": ${message}`);
      this.containerStopped(attempt, { exitCode: 1, reason: 'Error' });
      return;
    }
    if (this.cancelled(attempt)) {
      await this.running.stop(0);
      this.running = undefined;
      return;
    }
    this.listening = new Map([[declaredPort, this.running.address]]);
    for (const port of this.spec.ports ?? []) if (!this.listening.has(port.containerPort) && !mapped) this.listening.set(port.containerPort, { host: this.host.podIP(), port: port.containerPort });
    this.startedAtMs = Date.now();
    this.started = !this.spec.startupProbe;
    this.ready = this.started && !this.spec.readinessProbe;
    this.setState({ running: { startedAt: new Date(this.startedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z') } });
    this.event('Normal', 'Started', `Started container ${this.name}`);
    if (this.spec.startupProbe) this.startProbe('Startup', this.spec.startupProbe, attempt);
    else this.startRegularProbes(attempt);
  }

  private async pull(attempt: number): Promise<boolean> {
    const kubelet = this.host.kubelet;
    const image = findImage(this.spec.image);
    const policy = pullPolicy(this.spec);
    const present = image !== undefined && kubelet.pulledImages.has(image.reference);
    if (present && policy !== 'Always') {
      this.image = image;
      this.imageID = imageId(image);
      this.event('Normal', 'Pulled', `Container image "${this.spec.image}" already present on machine`);
      return true;
    }
    if (policy === 'Never') {
      const message = `Container image "${this.spec.image}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', message);
      this.setState({ waiting: { reason: 'ErrImageNeverPull', message } });
      this.retryLater(10_000 * kubelet.sandbox.speed, () => void this.start());
      return false;
    }
    this.event('Normal', 'Pulling', `Pulling image "${this.spec.image}"`);
    const began = Date.now();
    await pullOnce(kubelet, image?.reference, () => kubelet.sleep(kubelet.delays.pull));
    if (this.cancelled(attempt)) return false;
    if (!image) {
      const reason = imageNotFoundReason(this.spec.image);
      this.event('Warning', 'Failed', `Failed to pull image "${this.spec.image}": ${reason}`);
      this.event('Warning', 'Failed', 'Error: ErrImagePull');
      this.setState({ waiting: { reason: 'ErrImagePull', message: reason } });
      // ErrImagePull is shown briefly, then the back-off before the next attempt.
      this.pullBackoffSeconds = this.pullBackoffSeconds === 0 ? 10 : Math.min(maxBackoffSeconds, this.pullBackoffSeconds * 2);
      const backoffMs = this.pullBackoffSeconds * 1000 * kubelet.sandbox.speed;
      this.retryLater(Math.min(2000 * kubelet.sandbox.speed, backoffMs / 2), () => {
        this.event('Normal', 'BackOff', `Back-off pulling image "${this.spec.image}"`);
        this.event('Warning', 'Failed', 'Error: ImagePullBackOff');
        this.setState({ waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${this.spec.image}": ErrImagePull: ${reason}` } });
        this.retryLater(backoffMs, () => void this.start());
      });
      return false;
    }
    const took = goDuration(Date.now() - began);
    this.event('Normal', 'Pulled', `Successfully pulled image "${this.spec.image}" in ${took} (${took} including waiting). Image size: ${image.sizeBytes} bytes.`);
    if (!kubelet.pulledImages.has(image.reference)) {
      kubelet.pulledImages.add(image.reference);
      kubelet.imagePulled();
    }
    this.pullBackoffSeconds = 0;
    this.image = image;
    this.imageID = imageId(image);
    return true;
  }

  private startProbe(kind: ProbeKind, probe: Probe, attempt: number): void {
    const action = containerProbeAction(probe, () => ({ podIP: this.host.podIP(), hostname: this.host.hostname(), ports: this.spec.ports ?? [], listening: this.listening, fs: this.fs, env: this.env }));
    const worker = new ProbeWorker(kind, probe, this.host.kubelet.sandbox.speed, action, ({ outcome, transition }) => {
      if (this.cancelled(attempt)) return;
      if (!outcome.success) this.event('Warning', 'Unhealthy', `${kind} probe failed: ${outcome.message}`);
      if (!transition) return;
      if (kind === 'Readiness') {
        this.ready = transition.passing && this.started;
        this.host.changed();
      } else if (kind === 'Startup' && transition.passing) {
        this.started = true;
        this.ready = !this.spec.readinessProbe;
        this.host.changed();
        this.startRegularProbes(attempt);
      } else if (!transition.passing) {
        this.event('Normal', 'Killing', `Container ${this.name} failed ${kind.toLowerCase()} probe, will be restarted`);
        void this.kill(attempt);
      }
    });
    this.probes.push(worker);
    worker.start();
  }

  private startRegularProbes(attempt: number): void {
    if (this.spec.livenessProbe) this.startProbe('Liveness', this.spec.livenessProbe, attempt);
    if (this.spec.readinessProbe) this.startProbe('Readiness', this.spec.readinessProbe, attempt);
  }

  private stopProbes(): void {
    for (const probe of this.probes) probe.stop();
    this.probes = [];
  }

  private graceMs(): number {
    return (this.host.pod().spec.terminationGracePeriodSeconds ?? 30) * 1000;
  }

  /** A failed liveness or startup probe: stop the process (SIGTERM, then force after the grace period) and restart it. */
  private async kill(attempt: number): Promise<void> {
    this.stopProbes();
    this.ready = false;
    const running = this.running;
    this.running = undefined;
    if (running) await running.stop(this.graceMs());
    this.containerStopped(attempt, { exitCode: 137, reason: 'Error' });
  }

  /** The container's process ended: record it, then restart now or after the back-off. */
  private containerStopped(attempt: number, result: { exitCode: number; reason: string }): void {
    if (this.cancelled(attempt)) return;
    this.stopProbes();
    this.log?.end();
    const finishedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.lastState = { terminated: { exitCode: result.exitCode, reason: result.reason, startedAt: this.state.running?.startedAt ?? finishedAt, finishedAt, containerID: this.containerID } };
    this.started = false;
    this.ready = false;
    this.listening = new Map();
    const speed = this.host.kubelet.sandbox.speed;
    // A container that ran long enough starts over with a short back-off, as in the kubelet.
    if (this.startedAtMs && Date.now() - this.startedAtMs > 2 * maxBackoffSeconds * 1000 * speed) this.crashBackoffSeconds = 0;
    const restart = () => {
      this.restartCount += 1;
      void this.start();
    };
    const policy = this.host.pod().spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && result.exitCode === 0)) {
      // The container stays terminated; the pod worker reports the pod's final phase.
      this.setState({ terminated: this.lastState.terminated as NonNullable<ContainerStateJson['terminated']> });
      this.lastState = {};
      return;
    }
    if (this.crashBackoffSeconds === 0) {
      this.crashBackoffSeconds = 10;
      this.setState({ terminated: this.lastState.terminated as NonNullable<ContainerStateJson['terminated']> });
      restart();
      return;
    }
    const pod = this.host.pod();
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`;
    this.setState({ waiting: { reason: 'CrashLoopBackOff', message: `back-off ${this.crashBackoffSeconds}s restarting failed container=${this.name} pod=${podRef}` } });
    this.event('Warning', 'BackOff', `Back-off restarting failed container ${this.name} in pod ${podRef}`);
    const delayMs = this.crashBackoffSeconds * 1000 * speed;
    this.crashBackoffSeconds = Math.min(maxBackoffSeconds, this.crashBackoffSeconds * 2);
    this.retryLater(delayMs, restart);
  }

  /**
   * The pod's container changed (a new image on a bare pod): the kubelet kills the container and
   * starts it again from the new definition, without back-off.
   */
  async changeSpec(spec: Container): Promise<void> {
    const changed = spec.image !== this.spec.image;
    this.spec = spec;
    // Before the first start, the pod worker's own start picks the new definition up.
    if (!changed || this.attempt === 0 || this.host.terminating()) return;
    this.event('Normal', 'Killing', `Container ${this.name} definition changed, will be restarted`);
    const attempt = ++this.attempt;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopProbes();
    this.ready = false;
    this.started = false;
    const running = this.running;
    this.running = undefined;
    if (running) await running.stop(this.graceMs());
    if (this.cancelled(attempt)) return;
    this.log?.end();
    const finishedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (this.state.running) this.lastState = { terminated: { exitCode: 0, reason: 'Completed', startedAt: this.state.running.startedAt, finishedAt, containerID: this.containerID } };
    this.listening = new Map();
    this.image = undefined;
    this.imageID = '';
    this.restartCount += 1;
    this.setState({ waiting: { reason: 'ContainerCreating' } });
    await this.start();
  }

  /** Pod deletion: SIGTERM semantics within the grace period; the container ends as Completed. */
  async stop(graceMs: number): Promise<void> {
    this.attempt += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopProbes();
    const running = this.running;
    this.running = undefined;
    this.ready = false;
    if (running) {
      await running.stop(graceMs);
      const finishedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      this.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: this.state.running?.startedAt ?? finishedAt, finishedAt, containerID: this.containerID } };
    }
    this.log?.end();
    await this.log?.flush();
  }
}
