import type { SandboxContext } from '../context';
import type { PodAddressAllocator } from './pods/podAddresses';

/** Stage delays of a pod start, in milliseconds at speed 1 (a person sees about a second per pod). */
export interface StageDelays {
  sandbox: number;
  pull: number;
  create: number;
  start: number;
  stop: number;
}

export const defaultStageDelays: StageDelays = { sandbox: 150, pull: 550, create: 100, start: 200, stop: 200 };

/**
 * Per-stage overrides from SANDBOX_STAGE_DELAYS_MS, e.g. "pull=2000,start=500" (milliseconds at
 * speed 1; SANDBOX_SPEED still multiplies them).
 */
export function stageDelaysFrom(text: string | undefined): StageDelays {
  const delays = { ...defaultStageDelays };
  for (const item of (text ?? '').split(',')) {
    const [name, value] = item.split('=').map((part) => part.trim());
    if (name in delays && value !== undefined && /^\d+$/.test(value)) delays[name as keyof StageDelays] = Number(value);
  }
  return delays;
}

/** What every pod worker and container of the node shares. */
export interface KubeletContext {
  sandbox: SandboxContext;
  nodeName: string;
  hostIP: string;
  addresses: PodAddressAllocator;
  /** SANDBOX_DIR/kubelet/pods: per-pod emptyDirs, writable layers and logs. */
  podsDirectory: string;
  /** Image references present on the node (pulled once, kept across sandbox restarts via the Node's status.images). */
  pulledImages: Set<string>;
  /** Pulls under way, by image reference: a pod asking for an image being pulled waits for that pull. */
  pullsInFlight: Map<string, Promise<void>>;
  /** A new image is on the node: the Node's status.images should say so soon. */
  imagePulled(): void;
  nodeAllocatable: { cpu: number; memory: number };
  delays: StageDelays;
  /** A delay scaled by the sandbox speed. */
  sleep(stageMs: number): Promise<void>;
}
