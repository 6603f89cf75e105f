import { randomBytes } from 'node:crypto';
import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import type { EndpointSlice, Endpoints, Pod, Service } from '../apiTypes';
import { errorCode, errorMessage, isConflict, isNotFound } from '../apiErrors';
import { mapSelectorMatches } from '../labelSelector';
import { ObjectCache } from '../objectCache';
import { goJson } from '../statefulset/revisions';
import { objectKey, runWorkers, splitKey, WorkQueue } from '../workqueue';
import { endpointSubsets, sliceContent } from './endpointsFromPods';

/**
 * Keeps an Endpoints object and an EndpointSlice per Service with a selector, from the pods it
 * selects. One sync per Service key, driven by Service and pod events.
 */
export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const sliceControllerName = 'endpointslice-controller.k8s.io';
const headlessLabel = 'service.kubernetes.io/headless';

export interface EndpointsController {
  stop(): Promise<void>;
  pending(): number;
}

export function startEndpointsController(ctx: SandboxContext, options: { pods?: ObjectCache<Pod> } = {}): EndpointsController {
  const { client } = ctx;
  const queue = new WorkQueue({ baseDelayMs: 5, maxDelayMs: 10_000 });
  /** Which Services each pod was last published in, so a pod whose labels changed leaves them too. */
  const servicesOfPod = new Map<string, Set<string>>();
  /** The reverse: the pods each Service was last published with. */
  const podsOfService = new Map<string, Set<string>>();
  let slicesServed = true;
  // Informer caches: a pod event or a sync reads references instead of copying every pod and Service.
  const ownPods = options.pods ? undefined : new ObjectCache<Pod>(client, resources.pods);
  const podCache = (options.pods ?? ownPods) as ObjectCache<Pod>;
  const services = new ObjectCache<Service>(client, resources.services);

  const stopServices = services.onChange((event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') queue.add(objectKey(event.object.metadata.namespace, event.object.metadata.name));
  });
  for (const service of services.all()) queue.add(objectKey(service.metadata.namespace, service.metadata.name));
  const stopPods = podCache.onChange((event) => {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const pod = event.object;
    const podKey = objectKey(pod.metadata.namespace, pod.metadata.name);
    for (const key of servicesOfPod.get(podKey) ?? []) queue.add(key);
    if (event.type === 'DELETED') {
      servicesOfPod.delete(podKey);
      return;
    }
    for (const service of services.list(pod.metadata.namespace)) {
      const selector = service.spec.selector;
      if (selector && Object.keys(selector).length > 0 && mapSelectorMatches(selector, pod.metadata.labels)) queue.add(objectKey(service.metadata.namespace, service.metadata.name));
    }
  });

  async function sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const service = client.get<Service>(resources.services, namespace, name);
    const selector = service?.spec.selector;
    if (!service || !selector || Object.keys(selector).length === 0 || service.spec.type === 'ExternalName') {
      // Not (or no longer) ours to manage: a deleted Service's Endpoints go with it.
      if (!service) await removeEndpoints(namespace, name);
      forgetService(key);
      return;
    }
    const pods = podCache.list(namespace).filter((pod) => mapSelectorMatches(selector, pod.metadata.labels));
    rememberPods(key, pods);
    await syncEndpoints(service, pods);
    if (slicesServed) {
      try {
        await syncSlice(service, pods);
      } catch (error) {
        // A server that does not serve discovery.k8s.io gets Endpoints only.
        if (errorCode(error) !== 404 || client.get(resources.services, namespace, name) === undefined) throw error;
        slicesServed = false;
      }
    }
  }

  function rememberPods(serviceKey: string, pods: Pod[]): void {
    forgetService(serviceKey);
    const podKeys = new Set<string>();
    for (const pod of pods) {
      const podKey = objectKey(pod.metadata.namespace, pod.metadata.name);
      podKeys.add(podKey);
      let services = servicesOfPod.get(podKey);
      if (!services) servicesOfPod.set(podKey, (services = new Set()));
      services.add(serviceKey);
    }
    podsOfService.set(serviceKey, podKeys);
  }

  /** O(pods of the Service), not O(all pods): this runs on every sync. */
  function forgetService(serviceKey: string): void {
    for (const podKey of podsOfService.get(serviceKey) ?? []) {
      const services = servicesOfPod.get(podKey);
      services?.delete(serviceKey);
      if (services?.size === 0) servicesOfPod.delete(podKey);
    }
    podsOfService.delete(serviceKey);
  }

  function labelsFor(service: Service): Record<string, string> {
    const labels = { ...(service.metadata.labels ?? {}) };
    if (service.spec.clusterIP === 'None') labels[headlessLabel] = '';
    return labels;
  }

  async function syncEndpoints(service: Service, pods: Pod[]): Promise<void> {
    const subsets = endpointSubsets(service, pods);
    const labels = labelsFor(service);
    const existing = client.get<Endpoints>(resources.endpoints, service.metadata.namespace, service.metadata.name ?? '');
    if (!existing) {
      await client.create<Endpoints>(resources.endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: service.metadata.namespace, labels }, subsets });
      return;
    }
    if (goJson(existing.subsets ?? []) === goJson(subsets) && goJson(existing.metadata.labels ?? {}) === goJson(labels)) return;
    await client.update<Endpoints>(resources.endpoints, { ...existing, metadata: { ...existing.metadata, labels }, subsets });
  }

  async function syncSlice(service: Service, pods: Pod[]): Promise<void> {
    const { endpoints, ports } = sliceContent(service, pods);
    const labels = { ...labelsFor(service), [serviceNameLabel]: service.metadata.name ?? '', [managedByLabel]: sliceControllerName };
    const slices = ownedSlices(service.metadata.namespace, service.metadata.name ?? '');
    const [first, ...extra] = slices;
    for (const slice of extra) await deleteIgnoringGone(resources.endpointSlices, slice);
    const ownerReferences = [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }];
    if (!first) {
      const sliceName = `${(service.metadata.name ?? '').slice(0, 57)}-${randomBytes(3).toString('hex').slice(0, 5)}`;
      await client.create<EndpointSlice>(resources.endpointSlices, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: sliceName, namespace: service.metadata.namespace, labels, ownerReferences },
        addressType: 'IPv4',
        endpoints,
        ports,
      });
      return;
    }
    if (goJson(first.endpoints ?? []) === goJson(endpoints) && goJson(first.ports ?? []) === goJson(ports) && goJson(first.metadata.labels ?? {}) === goJson(labels)) return;
    await client.update<EndpointSlice>(resources.endpointSlices, { ...first, metadata: { ...first.metadata, labels, ownerReferences }, endpoints, ports });
  }

  function ownedSlices(namespace: string | undefined, serviceName: string): EndpointSlice[] {
    return client
      .list<EndpointSlice>(resources.endpointSlices, namespace)
      .items.filter((slice) => slice.metadata.labels?.[serviceNameLabel] === serviceName && slice.metadata.labels?.[managedByLabel] === sliceControllerName)
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  async function removeEndpoints(namespace: string | undefined, name: string): Promise<void> {
    const existing = client.get<Endpoints>(resources.endpoints, namespace, name);
    if (existing) await deleteIgnoringGone(resources.endpoints, existing);
    if (!slicesServed) return;
    try {
      for (const slice of ownedSlices(namespace, name)) await deleteIgnoringGone(resources.endpointSlices, slice);
    } catch (error) {
      if (errorCode(error) !== 404) throw error;
    }
  }

  async function deleteIgnoringGone(resource: typeof resources.endpoints | typeof resources.endpointSlices, object: Endpoints | EndpointSlice): Promise<void> {
    try {
      await client.delete(resource, object.metadata.namespace, object.metadata.name ?? '');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  const workers = runWorkers(queue, 2, sync, (key, error) => {
    if (!isConflict(error)) ctx.log('endpoints-controller', `error syncing Service ${key}: ${errorMessage(error)}`);
  });

  return {
    pending: () => queue.length,
    async stop() {
      stopServices();
      stopPods();
      services.stop();
      ownPods?.stop();
      queue.shutDown();
      await workers;
    },
  };
}
