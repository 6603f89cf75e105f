'use client';

import type { StatefulSetListMessage } from '@/lib/k8s/streamMessages';
import type { StatefulSetSummary } from '@/lib/k8s/viewModels';
import { statefulSetsPath } from './apiPaths';
import { useEventStream, type StreamReducer, type StreamState } from './useEventStream';

export function reduceList(items: StatefulSetSummary[], message: StatefulSetListMessage): StatefulSetSummary[] {
  switch (message.type) {
    case 'snapshot':
      return [...message.items].sort((a, b) => a.name.localeCompare(b.name));
    case 'upsert': {
      const rest = items.filter((item) => item.name !== message.item.name);
      return [...rest, message.item].sort((a, b) => a.name.localeCompare(b.name));
    }
    case 'delete':
      return items.filter((item) => item.name !== message.name);
    default:
      return items;
  }
}

const listReducer: StreamReducer<StatefulSetSummary[], StatefulSetListMessage> = {
  initial: () => [],
  reduce: reduceList,
  eventTypes: ['snapshot', 'upsert', 'delete', 'status'],
};

/** The namespace's StatefulSets, live; also what the header reads the connection state from. */
export function useStatefulSetList(context: string, namespace: string): StreamState<StatefulSetSummary[]> | undefined {
  const base = statefulSetsPath(context, namespace);
  return useEventStream(`${base}/stream`, listReducer, base);
}
