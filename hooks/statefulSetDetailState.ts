import type { StatefulSetDetailMessage } from '@/lib/k8s/streamMessages';
import type { PodView, StatefulSetDetail } from '@/lib/k8s/viewModels';
import type { TrafficJob, VisitsSample } from '@/lib/visits/types';

/** One visits sample reduced to what the charts over time need. */
export interface VisitsPoint {
  at: number; // ms since epoch
  counts: Record<string, number>;
  rates: Record<string, number | null>;
}

export interface StatefulSetDetailState {
  /** undefined until the snapshot arrives; null when the StatefulSet does not exist (any more). */
  detail: StatefulSetDetail | null | undefined;
  visits: VisitsSample | null;
  /** Each pod's count when this page first read it: "since you opened" is the count minus this. */
  baseline: Record<string, number>;
  /** The pods the first sample listed: a pod that appears later started from zero after you opened the page. */
  podsAtOpen: string[] | null;
  history: VisitsPoint[];
  /** The latest traffic job per Service. */
  traffic: Record<string, TrafficJob>;
}

export const HISTORY_LENGTH = 90;

export function initialDetailState(): StatefulSetDetailState {
  return { detail: undefined, visits: null, baseline: {}, podsAtOpen: null, history: [], traffic: {} };
}

/**
 * Keeps each pod object whose resourceVersion did not change, so memoised pod cards skip rendering:
 * with 1,000 pods only the cards of pods that changed render again.
 */
export function reusePods(previous: readonly PodView[] | undefined, next: PodView[]): PodView[] {
  if (!previous || previous.length === 0) return next;
  const byUid = new Map(previous.map((pod) => [pod.uid, pod]));
  let same = previous.length === next.length;
  const merged = next.map((pod, index) => {
    const old = byUid.get(pod.uid);
    const kept = old && old.resourceVersion === pod.resourceVersion ? old : pod;
    if (kept !== previous[index]) same = false;
    return kept;
  });
  return same ? (previous as PodView[]) : merged;
}

/**
 * Applies a `pods` message: changed pods replace theirs (by uid), new ones join, gone ones leave, and
 * the list stays sorted by ordinal. Untouched pods keep their objects, so their cards do not render.
 */
export function applyPodChanges(pods: readonly PodView[], upsert: readonly PodView[], remove: readonly string[]): PodView[] {
  const removed = new Set(remove);
  const changed = new Map(upsert.map((pod) => [pod.uid, pod]));
  const next: PodView[] = [];
  for (const pod of pods) {
    if (removed.has(pod.uid)) continue;
    const replacement = changed.get(pod.uid);
    next.push(replacement ?? pod);
    changed.delete(pod.uid);
  }
  for (const added of changed.values()) if (!removed.has(added.uid)) next.push(added);
  return next.sort((a, b) => a.ordinal - b.ordinal);
}

function mergeDetail(previous: StatefulSetDetail | null | undefined, patch: Partial<StatefulSetDetail>): StatefulSetDetail | null | undefined {
  if (!previous) return previous;
  const merged: StatefulSetDetail = { ...previous, ...patch };
  if (patch.pods) merged.pods = reusePods(previous.pods, patch.pods);
  return merged;
}

function applyVisits(state: StatefulSetDetailState, sample: VisitsSample): StatefulSetDetailState {
  const firstSample = state.podsAtOpen === null;
  const podsAtOpen = state.podsAtOpen ?? sample.pods.map((pod) => pod.pod);
  const baseline = { ...state.baseline };
  const counts: Record<string, number> = {};
  for (const pod of sample.pods) {
    if (pod.count === null) continue;
    counts[pod.pod] = pod.count;
    const known = baseline[pod.pod];
    if (known === undefined) {
      // Present when the page opened: what it had then is "before". Created later: all of it is "since".
      baseline[pod.pod] = firstSample || podsAtOpen.includes(pod.pod) ? pod.count : 0;
    } else if (pod.count < known) {
      // The file was reset (a new claim): count from zero again.
      baseline[pod.pod] = 0;
    }
  }
  const rates: Record<string, number | null> = {};
  for (const balance of sample.totals.pods) rates[balance.pod] = balance.ratePerSecond;
  const point: VisitsPoint = { at: Date.parse(sample.sampledAt) || Date.now(), counts, rates };
  const history = [...state.history.slice(-(HISTORY_LENGTH - 1)), point];
  return { ...state, visits: sample, baseline, podsAtOpen, history };
}

export function reduceDetail(state: StatefulSetDetailState, message: StatefulSetDetailMessage): StatefulSetDetailState {
  switch (message.type) {
    case 'snapshot': {
      const detail = message.detail;
      if (detail && state.detail) detail.pods = reusePods(state.detail.pods, detail.pods);
      return { ...state, detail };
    }
    case 'patch':
      return { ...state, detail: mergeDetail(state.detail, message.detail) };
    case 'pods':
      if (!state.detail) return state;
      return { ...state, detail: { ...state.detail, pods: applyPodChanges(state.detail.pods, message.upsert, message.remove) } };
    case 'visits':
      return applyVisits(state, message.sample);
    case 'traffic':
      return { ...state, traffic: { ...state.traffic, [message.job.service]: message.job } };
    case 'status':
      return state;
    default:
      return state;
  }
}

/** Visits counted since the page opened, per pod, from the latest sample. */
export function visitsSinceOpened(state: Pick<StatefulSetDetailState, 'visits' | 'baseline'>): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (const pod of state.visits?.pods ?? []) {
    result[pod.pod] = pod.count === null ? null : Math.max(0, pod.count - (state.baseline[pod.pod] ?? 0));
  }
  return result;
}
