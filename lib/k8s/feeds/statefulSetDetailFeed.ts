import type { V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { StatefulSetDetailMessage } from '../streamMessages';
import type { ActionName, ActionPermission, StatefulSetDetail } from '../viewModels';
import { acquireCache, type CacheLease } from '../cache/cacheRegistry';
import type { CacheChange } from '../cache/namespaceCache';
import { statefulSetDetail, statefulSetPods } from '../views/statefulSetDetail';
import { permissionsFor, unknownPermissions } from '../access/permissions';
import { kubeConfigFor } from '../connections/contextSource';
import { isReadOnly } from '../../http/readOnly';
import { VisitsSampler } from '../../visits/visitsSampler';
import { onTraffic } from '../../visits/traffic/trafficJobs';
import { MessageRing } from './messageRing';
import type { Feed } from './feedRegistry';
import type { Send } from './statefulSetListFeed';

const recomputeDelayMs = 50;
const permissionsRefreshMs = 30_000;
type Part = keyof StatefulSetDetail;

/**
 * One StatefulSet with everything around it, shared by every open detail stream. A change in the
 * namespace cache schedules a recompute (coalesced); only the parts of the detail that changed are
 * sent, as a `patch`. While anyone watches, the visits sampler runs and traffic jobs of the
 * StatefulSet's Services are forwarded.
 */
export class StatefulSetDetailFeed implements Feed {
  private readonly ring = new MessageRing<StatefulSetDetailMessage>();
  private readonly subscribers = new Set<Send<StatefulSetDetailMessage>>();
  private readonly lease: CacheLease;
  private readonly unsubscribeCache: () => void;
  private readonly unsubscribeTraffic: () => void;
  private readonly sampler: VisitsSampler;
  private permissions: Record<ActionName, ActionPermission> = unknownPermissions();
  private permissionsReady: Promise<void>;
  private permissionsTimer?: NodeJS.Timeout;
  private recomputeTimer?: NodeJS.Timeout;
  private current: StatefulSetDetail | null = null;
  private parts = new Map<Part, string>();
  private started = false;

  constructor(
    private readonly context: string,
    private readonly namespace: string,
    private readonly name: string,
  ) {
    this.lease = acquireCache(context, namespace);
    this.unsubscribeCache = this.lease.cache.subscribe({
      onChange: (change) => {
        if (this.concerns(change)) this.scheduleRecompute();
      },
      onConnection: (connection) => {
        for (const send of this.subscribers) send({ type: 'status', connection });
      },
    });
    this.sampler = new VisitsSampler(
      {
        statefulSet: name,
        kubeConfig: () => kubeConfigFor(context),
        pods: () => this.pods(),
        path: () => this.current?.visitsPath ?? 'data/visits.txt',
      },
      (sample) => {
        for (const send of this.subscribers) send({ type: 'visits', sample });
      },
    );
    this.unsubscribeTraffic = onTraffic(context, namespace, (job) => {
      if (!this.current?.services.some((service) => service.name === job.service)) return;
      for (const send of this.subscribers) send({ type: 'traffic', job });
    });
    this.permissionsReady = this.refreshPermissions();
    this.permissionsTimer = setInterval(() => void this.refreshPermissions(), permissionsRefreshMs);
    this.permissionsTimer.unref?.();
  }

  private statefulSet(): V1StatefulSet | undefined {
    return this.lease.cache.get<V1StatefulSet>('statefulsets', this.name);
  }

  private pods(): V1Pod[] {
    const sts = this.statefulSet();
    return sts ? statefulSetPods(sts, this.lease.cache.objects()) : [];
  }

  private concerns({ kind, change }: CacheChange): boolean {
    const objectName = change.object.metadata?.name ?? '';
    switch (kind) {
      case 'statefulsets':
        return objectName === this.name;
      case 'pods':
      case 'controllerrevisions':
        return objectName.startsWith(`${this.name}-`);
      case 'persistentvolumeclaims':
        return objectName.includes(`-${this.name}-`);
      case 'events': {
        const involved = (change.object as { involvedObject?: { name?: string } }).involvedObject?.name ?? '';
        return involved.startsWith(this.name);
      }
      default:
        return true;
    }
  }

  private async refreshPermissions(): Promise<void> {
    try {
      const next = await permissionsFor(this.context, this.namespace);
      const changed = JSON.stringify(next) !== JSON.stringify(this.permissions);
      this.permissions = next;
      if (changed && this.started) this.scheduleRecompute();
    } catch {
      // keep the previous answer; the next refresh tries again
    }
  }

  private scheduleRecompute(): void {
    if (!this.started || this.recomputeTimer) return;
    this.recomputeTimer = setTimeout(() => {
      this.recomputeTimer = undefined;
      this.recompute();
    }, recomputeDelayMs);
  }

  private compute(): StatefulSetDetail | null {
    const sts = this.statefulSet();
    return sts ? statefulSetDetail(sts, this.lease.cache.objects(), { permissions: this.permissions, readOnly: isReadOnly() }) : null;
  }

  private publish(message: StatefulSetDetailMessage): void {
    const id = this.ring.push(message);
    for (const send of this.subscribers) send(message, id);
  }

  private recompute(): void {
    const next = this.compute();
    const previous = this.current;
    this.current = next;
    if (!next) {
      this.parts.clear();
      if (previous) this.publish({ type: 'snapshot', detail: null });
      return;
    }
    const nextParts = new Map<Part, string>((Object.keys(next) as Part[]).map((part) => [part, JSON.stringify(next[part])]));
    if (!previous) {
      this.parts = nextParts;
      this.publish({ type: 'snapshot', detail: next });
      return;
    }
    const patch: Partial<StatefulSetDetail> = {};
    let changed = false;
    for (const [part, json] of nextParts) {
      if (this.parts.get(part) === json) continue;
      (patch as Record<Part, unknown>)[part] = next[part];
      changed = true;
    }
    this.parts = nextParts;
    if (changed) this.publish({ type: 'patch', detail: patch });
  }

  /** The current detail after the cache synced, for GET .../statefulsets/{name}. */
  async detail(): Promise<StatefulSetDetail | null> {
    await this.ensureStarted();
    return this.current;
  }

  private async ensureStarted(): Promise<void> {
    if (this.started) return;
    // A detail never goes out with guessed permissions unless the cluster takes over 10 s to answer them.
    await Promise.race([this.permissionsReady, new Promise((resolve) => setTimeout(resolve, 10_000).unref?.())]);
    await this.lease.cache.waitForSync();
    if (this.started) return;
    this.started = true;
    this.current = this.compute();
    this.parts = new Map(this.current ? (Object.keys(this.current) as Part[]).map((part) => [part, JSON.stringify(this.current?.[part])]) : []);
  }

  async subscribe(lastEventId: string | null, send: Send<StatefulSetDetailMessage>): Promise<() => void> {
    await this.ensureStarted();
    if (this.recomputeTimer) {
      clearTimeout(this.recomputeTimer);
      this.recomputeTimer = undefined;
      this.recompute();
    }
    // After the awaits, in one tick: nothing can slip between the snapshot (or replay) and the subscription.
    const replay = this.ring.since(lastEventId);
    if (replay) for (const entry of replay) send(entry.message, entry.id);
    else send({ type: 'snapshot', detail: this.current }, this.ring.currentId);
    send({ type: 'status', connection: this.lease.cache.connection });
    if (this.sampler.latest) send({ type: 'visits', sample: this.sampler.latest });
    this.subscribers.add(send);
    this.sampler.start();
    return () => {
      this.subscribers.delete(send);
      if (this.subscribers.size === 0) this.sampler.stop();
    };
  }

  get cache() {
    return this.lease.cache;
  }

  dispose(): void {
    this.sampler.stop();
    clearTimeout(this.recomputeTimer);
    clearInterval(this.permissionsTimer);
    this.subscribers.clear();
    this.unsubscribeCache();
    this.unsubscribeTraffic();
    this.lease.release();
  }
}
