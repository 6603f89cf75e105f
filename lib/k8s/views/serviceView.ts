import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import type { EndpointView, ServiceView } from '../viewModels';
import { iso } from './format';

/** EXTERNAL-IP as kubectl prints it: <pending> for a LoadBalancer without an address, <none> otherwise. */
function externalIP(service: V1Service): string {
  const type = service.spec?.type ?? 'ClusterIP';
  const ingress = (service.status?.loadBalancer?.ingress ?? []).map((entry) => entry.ip ?? entry.hostname ?? '').filter(Boolean);
  const external = service.spec?.externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const all = [...ingress, ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  if (type === 'ExternalName') return service.spec?.externalName ?? '<none>';
  return external.length ? external.join(',') : '<none>';
}

function endpointViews(endpoints: V1Endpoints | undefined, ready: boolean): EndpointView[] {
  const views: EndpointView[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const ports = (subset.ports ?? []).map((port) => ({ ...(port.name ? { name: port.name } : {}), port: port.port }));
    for (const address of (ready ? subset.addresses : subset.notReadyAddresses) ?? []) {
      views.push({ ip: address.ip, ...(address.targetRef?.kind === 'Pod' && address.targetRef.name ? { pod: address.targetRef.name } : {}), ports });
    }
  }
  return views.sort((a, b) => (a.pod ?? a.ip).localeCompare(b.pod ?? b.ip, undefined, { numeric: true }));
}

export function serviceView(service: V1Service, endpoints: V1Endpoints | undefined): ServiceView {
  const clusterIP = service.spec?.clusterIP ?? '';
  return {
    name: service.metadata?.name ?? '',
    namespace: service.metadata?.namespace ?? '',
    uid: service.metadata?.uid ?? '',
    resourceVersion: service.metadata?.resourceVersion ?? '',
    type: service.spec?.type ?? 'ClusterIP',
    clusterIP: clusterIP || '<none>',
    externalIP: externalIP(service),
    ports: (service.spec?.ports ?? []).map((port) => ({
      ...(port.name ? { name: port.name } : {}),
      port: port.port,
      targetPort: port.targetPort === undefined ? String(port.port) : String(port.targetPort),
      ...(port.nodePort ? { nodePort: port.nodePort } : {}),
      protocol: port.protocol ?? 'TCP',
    })),
    selector: service.spec?.selector ?? {},
    headless: clusterIP === 'None',
    sessionAffinity: service.spec?.sessionAffinity ?? 'None',
    readyEndpoints: endpointViews(endpoints, true),
    notReadyEndpoints: endpointViews(endpoints, false),
    creationTimestamp: iso(service.metadata?.creationTimestamp),
  };
}
