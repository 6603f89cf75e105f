import type { Socket } from 'node:net';
import type { ClusterClient } from './apiserver/registry/clusterClient';
import type { KubeObject } from './store/types';

/**
 * What every in-process component of the sandbox is handed at start: the way to the API (with the
 * API server's semantics), where its state lives, how fast the simulated world moves, and how to
 * record Events and log.
 */
export interface SandboxContext {
  client: ClusterClient;
  /** SANDBOX_DIR, absolute. Volumes live under `${dataDir}/volumes`. */
  dataDir: string;
  /** The repository root, for manifests/demo. */
  rootDir: string;
  /** Multiplies every simulated delay: 1 = a person can watch OrderedReady (about a second per pod start); tests use 0.05. */
  speed: number;
  recordEvent(event: RecordedEvent): void;
  log(component: string, message: string): void;
  /**
   * Where a pod's port really listens, when it is not the pod IP and container port that Endpoints
   * publish (the kubelet's fallback to mapped ports on 127.0.0.1). main.ts sets it from the kubelet's
   * `runtime.resolvePodPort`; the Service proxy reads it per connection, so it may be set after start.
   */
  resolvePodPort?: (namespace: string, pod: string, port: number) => { host: string; port: number } | undefined;
  /** The kubelet's `runtime.connectionHandlerFor`, set by main.ts like `resolvePodPort`: the Service proxy hands accepted connections to in-process pods through it. */
  connectionHandlerFor?: (namespace: string, pod: string, port: number) => ((socket: Socket) => boolean) | undefined;
}

export interface RecordedEvent {
  involved: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** "statefulset-controller", "kubelet", "persistentvolume-controller", ... */
  component: string;
  /** The node for kubelet events. */
  host?: string;
}

/** A component started by main.ts. */
export interface RunningComponent {
  stop(): Promise<void>;
}
