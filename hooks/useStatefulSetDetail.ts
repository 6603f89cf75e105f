'use client';

import type { StatefulSetDetailMessage } from '@/lib/k8s/streamMessages';
import { statefulSetPath } from './apiPaths';
import { initialDetailState, reduceDetail, type StatefulSetDetailState } from './statefulSetDetailState';
import { useEventStream, type StreamReducer, type StreamState } from './useEventStream';

const detailReducer: StreamReducer<StatefulSetDetailState, StatefulSetDetailMessage> = {
  initial: initialDetailState,
  reduce: reduceDetail,
  eventTypes: ['snapshot', 'patch', 'pods', 'visits', 'traffic', 'status'],
};

/** One StatefulSet with its pods, claims, services, revisions, events, visits and traffic, live. */
export function useStatefulSetDetail(context: string, namespace: string, name: string | null): StreamState<StatefulSetDetailState> | undefined {
  const base = name ? statefulSetPath(context, namespace, name) : null;
  // Pods as per-pod changes: one pod event costs one pod on the wire and in the reducer, not the whole list.
  return useEventStream(base ? `${base}/stream?pods=changes` : null, detailReducer, base ?? undefined);
}
