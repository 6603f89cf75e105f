import type { KubeObject } from '../../store/types';
import type { FieldError } from './strategy';

/**
 * ClusterIPs and NodePorts, allocated by the API server as kube-apiserver's service REST does:
 * ClusterIPs from 127.96.0.0/16 (127.96.0.1 is the `kubernetes` Service) so they are reachable on
 * loopback, NodePorts from 30000-32767. Reads the Services that exist, so nothing is kept twice.
 */
interface ServicePort {
  port?: number;
  protocol?: string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
}

const nodePortMin = 30000;
const nodePortMax = 32767;

function specOf(service: KubeObject): ServiceSpec {
  if (!service.spec || typeof service.spec !== 'object') service.spec = {};
  return service.spec as ServiceSpec;
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function numberToIp(value: number): string {
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

const rangeStart = ipToNumber('127.96.0.0') ?? 0;
const rangeEnd = rangeStart + 65535;

/**
 * Fills clusterIP(s) and nodePorts on a Service being created or updated (old = the stored one).
 * Returns field errors for addresses or ports the user asked for that cannot be had.
 */
export function allocateServiceAddresses(service: KubeObject, old: KubeObject | undefined, existing: KubeObject[]): FieldError[] {
  const errors: FieldError[] = [];
  const spec = specOf(service);
  const oldSpec = old ? specOf(structuredClone(old)) : undefined;
  const others = existing.filter((other) => other.metadata.uid !== service.metadata.uid && !(other.metadata.name === service.metadata.name && other.metadata.namespace === service.metadata.namespace));
  const type = spec.type ?? 'ClusterIP';

  if (type !== 'ExternalName') {
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    if (!spec.clusterIP && oldSpec?.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    const used = new Set(others.map((other) => specOf(other).clusterIP).filter((ip): ip is string => Boolean(ip) && ip !== 'None'));
    if (!spec.clusterIP) {
      // A random free address, as kube-apiserver's allocator picks one; it also keeps several sandboxes
      // on one machine (tests, a dashboard) from claiming the same loopback address for their Services.
      const size = rangeEnd - (rangeStart + 2);
      const offset = Math.floor(Math.random() * size);
      for (let step = 0; step < size; step++) {
        const ip = numberToIp(rangeStart + 2 + ((offset + step) % size));
        if (!used.has(ip)) {
          spec.clusterIP = ip;
          break;
        }
      }
    } else if (spec.clusterIP !== 'None' && spec.clusterIP !== oldSpec?.clusterIP) {
      const value = ipToNumber(spec.clusterIP);
      const asked = `[]string{${JSON.stringify(spec.clusterIP)}}`;
      const goValue = { toString: () => asked };
      if (value === undefined || value <= rangeStart || value >= rangeEnd)
        errors.push({ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', value: goValue, message: `failed to allocate IP ${spec.clusterIP}: provided IP is not in the valid range. The range of valid IPs is 127.96.0.0/16` });
      else if (used.has(spec.clusterIP)) errors.push({ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', value: goValue, message: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` });
    }
    spec.clusterIPs = [spec.clusterIP ?? 'None'];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }

  const wantsNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const usedPorts = new Set<number>();
  for (const other of others) for (const port of specOf(other).ports ?? []) if (port.nodePort) usedPorts.add(port.nodePort);
  (spec.ports ?? []).forEach((port, index) => {
    if (!wantsNodePorts) {
      delete port.nodePort;
      return;
    }
    if (!port.nodePort) {
      const previous = oldSpec?.ports?.find((candidate) => candidate.port === port.port && (candidate.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (previous?.nodePort) port.nodePort = previous.nodePort;
    }
    if (port.nodePort) {
      const wasOurs = oldSpec?.ports?.some((candidate) => candidate.nodePort === port.nodePort);
      if (port.nodePort < nodePortMin || port.nodePort > nodePortMax)
        errors.push({ reason: 'FieldValueInvalid', field: `spec.ports[${index}].nodePort`, value: port.nodePort, message: `provided port is not in the valid range. The range of valid ports is ${nodePortMin}-${nodePortMax}` });
      else if (!wasOurs && usedPorts.has(port.nodePort)) errors.push({ reason: 'FieldValueInvalid', field: `spec.ports[${index}].nodePort`, value: port.nodePort, message: 'provided port is already allocated' });
      usedPorts.add(port.nodePort);
      return;
    }
    for (let attempt = 0; attempt < 5000; attempt++) {
      const candidate = nodePortMin + Math.floor(Math.random() * (nodePortMax - nodePortMin + 1));
      if (!usedPorts.has(candidate)) {
        port.nodePort = candidate;
        usedPorts.add(candidate);
        return;
      }
    }
  });
  return errors;
}
