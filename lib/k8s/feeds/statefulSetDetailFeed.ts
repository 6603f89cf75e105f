import type { V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { StatefulSetDetailMessage } from '../streamMessages';
import type { ActionName, ActionPermission, PodView, StatefulSetDetail } from '../viewModels';
import { acquireCache, type CacheLease } from '../cache/cacheRegistry';
import type { CacheChange } from '../cache/namespaceCache';
import { statefulSetDetail, statefulSetPods } from '../views/statefulSetDetail';
import { podView } from '../views/podView';
import { permissionsFor, unknownPermissions } from '../access/permissions';
import { kubeConfigFor } from '../connections/contextSource';
import { isReadOnly } from '../../http/readOnly';
import { VisitsSampler } from '../../visits/visitsSampler';
import { onTraffic } from '../../visits/traffic/trafficJobs';
import { MessageRing } from './messageRing';
import type { Feed } from './feedRegistry';
import type { Send } from './statefulSetListFeed';

/** At most 40 recomputes a second: a scale's StatefulSet change and its new pod, ~30 ms apart, go out separately. */
const minRecomputeGapMs = 5;
const maxRecomputeGapMs = 250;
const permissionsRefreshMs = 30_000;
type Part = keyof StatefulSetDetail;

export interface DetailSubscribeOptions {
  /** Receive pod changes as `pods` messages instead of whole pod lists in `patch` (see streamMessages.ts). */
  podChanges?: boolean;
}

/** What one recompute publishes: the message for plain subscribers and the messages for `podChanges` ones. */
interface Publication {
  full: StatefulSetDetailMessage;
  changes: StatefulSetDetailMessage[];
}

/** The pods that were added or changed (a new view object) and the uids of those that are gone. */
export function podChanges(previous: readonly PodView[], next: readonly PodView[]): { upsert: PodView[]; remove: string[] } | null {
  const before = new Map(previous.map((pod) => [pod.uid, pod]));
  const upsert: PodView[] = [];
  for (const pod of next) {
    if (before.get(pod.uid) !== pod) upsert.push(pod);
    before.delete(pod.uid);
  }
  const remove = [...before.keys()];
  return upsert.length > 0 || remove.length > 0 ? { upsert, remove } : null;
}

/**
 * One StatefulSet with everything around it, shared by every open detail stream. A change in the
 * namespace cache schedules a recompute (coalesced); only the parts of the detail that changed are
 * sent, as a `patch`. While anyone watches, the visits sampler runs and traffic jobs of the
 * StatefulSet's Services are forwarded.
 */
export class StatefulSetDetailFeed implements Feed {
  private readonly ring = new MessageRing<Publication>();
  /** Each subscriber with whether it takes pod changes. */
  private readonly subscribers = new Map<Send<StatefulSetDetailMessage>, boolean>();
  /** One view per pod object of the cache: an unchanged pod keeps its view, so changes are found by identity, not by JSON. */
  private readonly podViews = new WeakMap<V1Pod, PodView>();
  private readonly viewPod = (pod: V1Pod): PodView => {
    let view = this.podViews.get(pod);
    if (!view) {
      view = podView(pod);
      this.podViews.set(pod, view);
    }
    return view;
  };
  private readonly lease: CacheLease;
  private readonly unsubscribeCache: () => void;
  private readonly unsubscribeTraffic: () => void;
  private readonly sampler: VisitsSampler;
  private permissions: Record<ActionName, ActionPermission> = unknownPermissions();
  private permissionsReady: Promise<void>;
  private permissionsTimer?: NodeJS.Timeout;
  private recomputeTimer?: NodeJS.Timeout;
  private lastRecomputeAt = 0;
  private lastRecomputeMs = 0;
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
        for (const send of this.subscribers.keys()) send({ type: 'status', connection });
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
        for (const send of this.subscribers.keys()) send({ type: 'visits', sample });
      },
    );
    this.unsubscribeTraffic = onTraffic(context, namespace, (job) => {
      if (!this.current?.services.some((service) => service.name === job.service)) return;
      for (const send of this.subscribers.keys()) send({ type: 'traffic', job });
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

  /**
   * Recomputes come at most every `recomputeGapMs()`, but without waiting when the feed was quiet: the
   * first change after a pause (a kubectl scale) goes out on the next turn of the event loop, which
   * still coalesces the burst of watch events that arrive together.
   */
  private scheduleRecompute(): void {
    if (!this.started || this.recomputeTimer) return;
    const wait = Math.max(0, this.lastRecomputeAt + this.recomputeGapMs() - Date.now());
    this.recomputeTimer = setTimeout(() => {
      this.recomputeTimer = undefined;
      this.recompute();
    }, wait);
  }

  /**
   * The gap between two recomputes during a burst: short for a small StatefulSet, whose recompute
   * costs a millisecond, and twice the last recompute's time for a big one, so a busy 1,000-pod feed
   * spends at most a third of the server's time recomputing.
   */
  private recomputeGapMs(): number {
    return Math.min(maxRecomputeGapMs, Math.max(minRecomputeGapMs, 2 * this.lastRecomputeMs));
  }

  private compute(): StatefulSetDetail | null {
    const sts = this.statefulSet();
    return sts ? statefulSetDetail(sts, this.lease.cache.objects(), { permissions: this.permissions, readOnly: isReadOnly(), viewPod: this.viewPod }) : null;
  }

  private publish(publication: Publication): void {
    const id = this.ring.push(publication);
    for (const [send, wantsChanges] of this.subscribers) this.deliver(send, wantsChanges, publication, id);
  }

  /**
   * Only the last message of a publication carries its id: a stream cut between two of them resumes
   * from the previous id and gets both again, and both are safe to apply twice.
   */
  private deliver(send: Send<StatefulSetDetailMessage>, wantsChanges: boolean, publication: Publication, id: string): void {
    const messages = wantsChanges ? publication.changes : [publication.full];
    messages.forEach((message, index) => send(message, index === messages.length - 1 ? id : undefined));
  }

  /** Parts other than pods are compared as JSON; pods by view identity (see viewPod). */
  private partsOf(detail: StatefulSetDetail): Map<Part, string> {
    return new Map<Part, string>((Object.keys(detail) as Part[]).filter((part) => part !== 'pods').map((part) => [part, JSON.stringify(detail[part])]));
  }

  private recompute(): void {
    this.lastRecomputeAt = Date.now();
    const started = performance.now();
    try {
      this.publishChanges();
    } finally {
      this.lastRecomputeMs = performance.now() - started;
    }
  }

  private publishChanges(): void {
    const next = this.compute();
    const previous = this.current;
    this.current = next;
    if (!next) {
      this.parts.clear();
      if (previous) this.publish(this.whole({ type: 'snapshot', detail: null }));
      return;
    }
    const nextParts = this.partsOf(next);
    if (!previous) {
      this.parts = nextParts;
      this.publish(this.whole({ type: 'snapshot', detail: next }));
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
    const pods = podChanges(previous.pods, next.pods);
    if (!changed && !pods) return;
    const changes: StatefulSetDetailMessage[] = [];
    if (changed) changes.push({ type: 'patch', detail: { ...patch } });
    if (pods) changes.push({ type: 'pods', ...pods });
    if (pods) patch.pods = next.pods;
    this.publish({ full: { type: 'patch', detail: patch }, changes });
  }

  /** A message every subscriber gets as it is. */
  private whole(message: StatefulSetDetailMessage): Publication {
    return { full: message, changes: [message] };
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
    this.parts = this.current ? this.partsOf(this.current) : new Map();
  }

  async subscribe(lastEventId: string | null, send: Send<StatefulSetDetailMessage>, options: DetailSubscribeOptions = {}): Promise<() => void> {
    const wantsChanges = options.podChanges === true;
    await this.ensureStarted();
    if (this.recomputeTimer) {
      clearTimeout(this.recomputeTimer);
      this.recomputeTimer = undefined;
      this.recompute();
    }
    // After the awaits, in one tick: nothing can slip between the snapshot (or replay) and the subscription.
    const replay = this.ring.since(lastEventId);
    if (replay) for (const entry of replay) this.deliver(send, wantsChanges, entry.message, entry.id);
    else send({ type: 'snapshot', detail: this.current }, this.ring.currentId);
    send({ type: 'status', connection: this.lease.cache.connection });
    if (this.sampler.latest) send({ type: 'visits', sample: this.sampler.latest });
    this.subscribers.set(send, wantsChanges);
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
