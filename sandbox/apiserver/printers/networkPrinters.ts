import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { formatLabels, list, num, obj, spec, status, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter } from './table';

/** Services, Endpoints and EndpointSlices (printService, printEndpoints, printEndpointSlice). */

const loadBalancerWidth = 16;

function loadBalancerIngress(object: KubeObject, wide: boolean): string {
  const values = new Set<string>();
  for (const ingress of list(obj(status(object).loadBalancer).ingress)) {
    if (str(ingress.ip)) values.add(str(ingress.ip));
    else if (str(ingress.hostname)) values.add(str(ingress.hostname));
  }
  let text = [...values].sort().join(',');
  if (!wide && text.length > loadBalancerWidth) text = `${text.slice(0, loadBalancerWidth - 3)}...`;
  return text;
}

function externalIP(object: KubeObject, wide: boolean): string {
  const serviceSpec = spec(object);
  const externalIPs = Array.isArray(serviceSpec.externalIPs) ? serviceSpec.externalIPs.map(str) : [];
  switch (serviceSpec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = loadBalancerIngress(object, wide);
      if (externalIPs.length) return [...(ingress ? ingress.split(',') : []), ...externalIPs].join(',');
      return ingress || '<pending>';
    }
    case 'ExternalName':
      return str(serviceSpec.externalName);
    default:
      return '<unknown>';
  }
}

function portsText(object: KubeObject): string {
  const pieces = list(spec(object).ports).map((port) => {
    const nodePort = num(port.nodePort);
    return nodePort > 0 ? `${num(port.port)}:${nodePort}/${str(port.protocol)}` : `${num(port.port)}/${str(port.protocol)}`;
  });
  return pieces.length ? pieces.join(',') : '<none>';
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Type', 'type determines how the Service is exposed.'),
    column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    ageColumn,
    column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { priority: 1 }),
  ],
  cells(object, context) {
    const serviceSpec = spec(object);
    const clusterIPs = Array.isArray(serviceSpec.clusterIPs) ? serviceSpec.clusterIPs.map(str) : [];
    const clusterIP = clusterIPs[0] || '<none>';
    const cells = [str(object.metadata.name), str(serviceSpec.type), clusterIP, externalIP(object, context.wide), portsText(object), timestampSince(object.metadata.creationTimestamp, context.now)];
    return context.wide ? [...cells, formatLabels(serviceSpec.selector)] : cells;
  },
};

/** formatEndpoints: the first three addresses (with ports), then "+ N more...". */
function endpointsText(object: KubeObject): string {
  const subsets = list(object.subsets);
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = list(subset.addresses);
    const ports = list(subset.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(str(address.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        const ip = str(address.ip);
        shown.push(ip.includes(':') ? `[${ip}]:${num(port.port)}` : `${ip}:${num(port.port)}`);
      }
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: KindPrinter = {
  columns: [nameColumn, column('Endpoints', 'The set of all endpoints is the union of all subsets.'), ageColumn],
  cells(object, context) {
    return [str(object.metadata.name), endpointsText(object), timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};

function listWithMore(items: string[], max: number): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown || '<unset>';
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'),
    column('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    column('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
    ageColumn,
  ],
  cells(object, context) {
    const ports = list(object.ports).map((port) => (port.port !== undefined && port.port !== null ? String(num(port.port)) : port.name !== undefined && port.name !== null ? str(port.name) : '*'));
    const addresses = list(object.endpoints).flatMap((endpoint) => (Array.isArray(endpoint.addresses) ? endpoint.addresses.map(str) : []));
    return [str(object.metadata.name), str(object.addressType), listWithMore(ports, 3), listWithMore(addresses, 3), timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};
