import type { PodView, StatefulSetDetail, StatefulSetSummary } from './viewModels';
import type { TrafficJob, VisitsSample } from '../visits/types';

/**
 * Messages on the Server-Sent Events streams. Each SSE event has `event: <type>` and `data: <JSON>`;
 * `id:` carries a cursor so a reconnecting EventSource resumes with Last-Event-ID.
 */

/** GET .../statefulsets/stream */
export type StatefulSetListMessage =
  | { type: 'snapshot'; items: StatefulSetSummary[] }
  | { type: 'upsert'; item: StatefulSetSummary }
  | { type: 'delete'; name: string }
  | { type: 'status'; connection: ConnectionState };

/**
 * GET .../statefulsets/{name}/stream: `snapshot` carries the whole detail; later messages replace one part.
 * With `?pods=changes` the pods come as `pods` messages instead of in `patch`: only the pods that were
 * added or changed (by uid) and the uids of those that are gone, so one pod event on a 1,000-pod
 * StatefulSet costs one pod on the wire, not 1,000. The receiver keeps the list sorted by ordinal.
 */
export type StatefulSetDetailMessage =
  | { type: 'snapshot'; detail: StatefulSetDetail | null }
  | { type: 'patch'; detail: Partial<StatefulSetDetail> }
  | { type: 'pods'; upsert: PodView[]; remove: string[] }
  | { type: 'visits'; sample: VisitsSample }
  | { type: 'traffic'; job: TrafficJob }
  | { type: 'status'; connection: ConnectionState };

export interface ConnectionState {
  state: 'live' | 'reconnecting' | 'unreachable';
  /** The error as the cluster or the network said it, when not live. */
  error?: string;
  since: string;
}

/**
 * WebSocket `.../pods/{pod}/exec?container=<name>&command=<argv0>&command=<argv1>...` (the pod terminal).
 * Every frame is a text frame holding one JSON message. The server starts the exec with a TTY; when no
 * `command` is given it runs `sh`. Closing the socket ends the exec.
 */
export type ExecClientMessage =
  | { type: 'stdin'; data: string }
  | { type: 'resize'; cols: number; rows: number };

export type ExecServerMessage =
  | { type: 'stdout'; data: string }
  | { type: 'stderr'; data: string }
  /** The command ended; `code` is its exit code when the cluster said it. */
  | { type: 'exit'; code?: number; reason?: string }
  /** The exec could not start or broke: the cluster's message verbatim. */
  | { type: 'error'; message: string };
