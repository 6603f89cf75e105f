import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventView } from '../viewModels';
import { iso } from './format';

export function eventView(event: CoreV1Event): EventView {
  const last = iso(event.lastTimestamp) || iso(event.eventTime) || iso(event.metadata?.creationTimestamp);
  return {
    uid: event.metadata?.uid ?? '',
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    source: event.source?.component ?? event.reportingComponent ?? '',
    involvedKind: event.involvedObject?.kind ?? '',
    involvedName: event.involvedObject?.name ?? '',
    count: event.count ?? 1,
    firstTimestamp: iso(event.firstTimestamp) || last,
    lastTimestamp: last,
  };
}
