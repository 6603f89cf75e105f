import { randomBytes } from 'node:crypto';
import { resources, type ClusterClient } from '../../apiserver/registry/clusterClient';
import type { RecordedEvent } from '../../context';
import type { KubeObject } from '../../store/types';

/**
 * core/v1 Events as client-go's record.EventRecorder writes them: one Event per involved object,
 * reason, message and source; a repeat within the hour bumps `count` and `lastTimestamp` on the same
 * Event instead of making a new one. Writes are serialized per Event and never throw at the caller:
 * an Event that cannot be written is logged and dropped, as the real recorder does.
 */
interface Aggregate {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  lastSeen: number;
}

const repeatWindowMs = 60 * 60 * 1000;
const maxRemembered = 4096;

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createEventRecorder(client: ClusterClient, log: (message: string) => void = () => undefined): (event: RecordedEvent) => void {
  const remembered = new Map<string, Aggregate>();
  let chain: Promise<void> = Promise.resolve();

  const write = async (event: RecordedEvent) => {
    const involved = event.involved;
    const namespace = involved.metadata.namespace || 'default';
    const key = [involved.metadata.uid, involved.kind, involved.metadata.name, event.type, event.reason, event.message, event.component, event.host ?? ''].join('\u0000');
    const now = timestamp();
    const previous = remembered.get(key);
    if (previous && Date.now() - previous.lastSeen < repeatWindowMs) {
      const existing = client.get<KubeObject>(resources.events, previous.namespace, previous.name);
      if (existing) {
        previous.count += 1;
        previous.lastSeen = Date.now();
        existing.count = previous.count;
        existing.lastTimestamp = now;
        delete existing.metadata.resourceVersion;
        await client.update(resources.events, existing);
        return;
      }
    }
    const name = `${involved.metadata.name ?? 'unknown'}.${Date.now().toString(16)}${randomBytes(2).toString('hex')}`;
    const created: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason: event.reason,
      message: event.message,
      type: event.type,
      source: event.host ? { component: event.component, host: event.host } : { component: event.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      eventTime: null,
      reportingComponent: event.component,
      reportingInstance: event.host ?? '',
    };
    await client.create(resources.events, created);
    if (remembered.size >= maxRemembered) remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, { name, namespace, count: 1, firstTimestamp: now, lastSeen: Date.now() });
  };

  return (event) => {
    chain = chain
      .then(() => write(event))
      .catch((error: unknown) => log(`could not record event ${event.reason} for ${event.involved.kind} ${event.involved.metadata.name ?? ''}: ${error instanceof Error ? error.message : String(error)}`));
  };
}
