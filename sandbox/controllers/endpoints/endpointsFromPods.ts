import type { EndpointAddress, EndpointPort, EndpointSlice, EndpointSubset, Pod, Service, ServicePort } from '../apiTypes';

/**
 * What a Service's Endpoints and EndpointSlice should hold, from the pods its selector matches
 * (pkg/controller/endpoint and endpointslice): pods with an IP that are not finished; ready ones in
 * `addresses`, the rest (and terminating ones, unless publishNotReadyAddresses) in
 * `notReadyAddresses`; each Service port resolved against the pod's container ports by number or name.
 */

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;
}

/** Pods that belong in endpoints at all (ShouldPodBeInEndpoints). */
export function shouldPodBeInEndpoints(pod: Pod, publishNotReady: boolean): boolean {
  if (!pod.status?.podIP) return false;
  const phase = pod.status.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!publishNotReady && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The container port a Service port targets on this pod, or undefined when a named port is missing. */
export function resolveTargetPort(servicePort: ServicePort, pod: Pod): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec.containers) {
    const port = container.ports?.find((candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'));
    if (port) return port.containerPort;
  }
  return undefined;
}

function addressFor(service: Service, pod: Pod): EndpointAddress {
  const address: EndpointAddress = {
    ip: pod.status?.podIP ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
  // A pod's hostname is published only when its subdomain is this Service (the StatefulSet's governing Service).
  if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) address.hostname = pod.spec.hostname;
  return address;
}

interface PodEndpoint {
  pod: Pod;
  address: EndpointAddress;
  ready: boolean;
  terminating: boolean;
  ports: EndpointPort[];
}

export function podEndpoints(service: Service, pods: Pod[]): PodEndpoint[] {
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const result: PodEndpoint[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = [];
    for (const servicePort of service.spec.ports ?? []) {
      const port = resolveTargetPort(servicePort, pod);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.name) endpointPort.name = servicePort.name;
      if (servicePort.appProtocol) endpointPort.appProtocol = servicePort.appProtocol;
      ports.push(endpointPort);
    }
    // A Service without ports still publishes its pods' addresses (headless Services used for DNS only).
    if ((service.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    result.push({ pod, address: addressFor(service, pod), ready: publishNotReady || (isReady(pod) && !terminating), terminating, ports });
  }
  return result;
}

/** Orders dotted IPv4 addresses numerically (127.244.0.9 before 127.244.0.12), cheaply: this runs on every pod change. */
export function compareIps(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = Number(left[index] ?? -1) - Number(right[index] ?? -1);
    if (difference) return difference;
  }
  return 0;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byIp = (a: EndpointAddress, b: EndpointAddress) => compareIps(a.ip, b.ip) || compareText(a.targetRef?.name ?? '', b.targetRef?.name ?? '');

/** Endpoints subsets: one per distinct port list (pods with the same ports share a subset, as after RepackSubsets). */
export function endpointSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const groups = new Map<string, EndpointSubset>();
  for (const endpoint of podEndpoints(service, pods)) {
    const portsKey = JSON.stringify([...endpoint.ports].sort((a, b) => compareText(a.name ?? '', b.name ?? '') || a.port - b.port));
    let subset = groups.get(portsKey);
    if (!subset) groups.set(portsKey, (subset = { ports: endpoint.ports }));
    const list = endpoint.ready ? (subset.addresses ??= []) : (subset.notReadyAddresses ??= []);
    list.push(endpoint.address);
  }
  const subsets = [...groups.values()];
  for (const subset of subsets) {
    subset.addresses?.sort(byIp);
    subset.notReadyAddresses?.sort(byIp);
    if (subset.ports?.length === 0) delete subset.ports;
  }
  return subsets;
}

/** The endpoints of one EndpointSlice (all pods, with ready/serving/terminating conditions) and its ports. */
export function sliceContent(service: Service, pods: Pod[]): Pick<EndpointSlice, 'endpoints' | 'ports'> {
  const endpoints: EndpointSlice['endpoints'] = [];
  let ports: EndpointPort[] = [];
  for (const endpoint of podEndpoints(service, pods)) {
    if (ports.length === 0) ports = endpoint.ports;
    const entry: EndpointSlice['endpoints'][number] = {
      addresses: [endpoint.address.ip],
      conditions: { ready: endpoint.ready, serving: isReady(endpoint.pod), terminating: endpoint.terminating },
      targetRef: endpoint.address.targetRef,
    };
    if (endpoint.address.hostname) entry.hostname = endpoint.address.hostname;
    if (endpoint.address.nodeName) entry.nodeName = endpoint.address.nodeName;
    endpoints.push(entry);
  }
  endpoints.sort((a, b) => compareIps(a.addresses[0], b.addresses[0]));
  return { endpoints, ports };
}
