import { isIP } from 'node:net';
import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { duplicate, forbidden, invalid, notSupported, required } from './fieldErrors';
import { ensureRecord, recordAt, recordsAt, setDefault, stringAt } from './json';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNumber } from './names';
import { nameIsDns1035Label, validateLabels } from './objectMeta';

/**
 * core/v1 Service: defaults.go plus the dual-stack fields the REST layer fills for a single-stack
 * IPv4 cluster. ClusterIP and NodePort allocation belong to the API machinery's allocator;
 * here they are only validated.
 */

export const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const nodePortRange = { min: 30000, max: 32767 };
const protocols = ['SCTP', 'TCP', 'UDP'];

function applyDefaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  if (!spec.type) spec.type = 'ClusterIP';
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const config = ensureRecord(ensureRecord(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(config, 'timeoutSeconds', 10800);
  }
  for (const port of recordsAt(spec, 'ports')) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    if (!spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (spec.type !== 'ExternalName') {
    if (!spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
    setDefault(spec, 'ipFamilies', ['IPv4']);
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
  }
  ensureRecord(ensureRecord(object, 'status'), 'loadBalancer');
}

function isHeadless(spec: Record<string, unknown>): boolean {
  return spec.clusterIP === 'None';
}

function validatePorts(spec: Record<string, unknown>, type: string): FieldError[] {
  const errors: FieldError[] = [];
  const ports = recordsAt(spec, 'ports');
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errors.push(required('spec.ports'));
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((port, index) => {
    const path = `spec.ports[${index}]`;
    const name = stringAt(port, 'name') ?? '';
    if (ports.length > 1 && !name) errors.push(required(`${path}.name`));
    else if (name) {
      for (const message of isDns1123Label(name)) errors.push(invalid(`${path}.name`, name, message));
      if (names.has(name)) errors.push(duplicate(`${path}.name`, name));
      names.add(name);
    }
    for (const message of isValidPortNumber(Number(port.port ?? 0))) errors.push(invalid(`${path}.port`, port.port ?? 0, message));
    const protocol = stringAt(port, 'protocol') ?? '';
    if (!protocol) errors.push(required(`${path}.protocol`));
    else if (!protocols.includes(protocol)) errors.push(notSupported(`${path}.protocol`, protocol, protocols));
    const targetPort = port.targetPort;
    if (typeof targetPort === 'number') for (const message of isValidPortNumber(targetPort)) errors.push(invalid(`${path}.targetPort`, targetPort, message));
    if (typeof targetPort === 'string') for (const message of isValidPortName(targetPort)) errors.push(invalid(`${path}.targetPort`, targetPort, message));
    const nodePort = port.nodePort;
    if (typeof nodePort === 'number' && nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') errors.push(forbidden(`${path}.nodePort`, `may not be used when \`type\` is '${type}'`));
      else if (nodePort < nodePortRange.min || nodePort > nodePortRange.max) {
        errors.push(invalid(`${path}.nodePort`, nodePort, `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`));
      } else {
        const key = `${nodePort}/${protocol}`;
        if (nodePorts.has(key)) errors.push(duplicate(`${path}.nodePort`, nodePort));
        nodePorts.add(key);
      }
    }
  });
  return errors;
}

function validateFields(object: KubeObject): FieldError[] {
  const spec = recordAt(object, 'spec');
  if (!spec) return [required('spec')];
  const errors: FieldError[] = [];
  const type = stringAt(spec, 'type') ?? '';
  if (!serviceTypes.includes(type)) errors.push(notSupported('spec.type', type, serviceTypes));
  errors.push(...validatePorts(spec, type));
  const affinity = stringAt(spec, 'sessionAffinity') ?? '';
  if (!['ClientIP', 'None'].includes(affinity)) errors.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (type === 'ExternalName') {
    const externalName = stringAt(spec, 'externalName');
    if (!externalName) errors.push(required('spec.externalName'));
    else for (const message of isDns1123Subdomain(externalName)) errors.push(invalid('spec.externalName', externalName, message));
  }
  const clusterIP = stringAt(spec, 'clusterIP');
  if (clusterIP && clusterIP !== 'None' && isIP(clusterIP) === 0) {
    errors.push(invalid('spec.clusterIPs[0]', clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    errors.push(invalid('spec.clusterIPs[0]', clusterIP, `may not be set to 'None' for ${type} services`));
  }
  errors.push(...validateLabels(spec.selector, 'spec.selector'));
  return errors;
}

/** ClusterIPs may not change once set, except when the Service moves to or from ExternalName. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = recordAt(object, 'spec') ?? {};
  const oldSpec = recordAt(old, 'spec') ?? {};
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const clusterIP = stringAt(spec, 'clusterIP');
  const oldClusterIP = stringAt(oldSpec, 'clusterIP');
  if (clusterIP && oldClusterIP && clusterIP !== oldClusterIP) return [invalid('spec.clusterIPs[0]', clusterIP, 'may not change once set')];
  return [];
}

/**
 * What the real REST update does before validation (patchAllocatedValues): an update that omits
 * allocated fields keeps the stored ones, so `kubectl apply` of a manifest without clusterIP works.
 * Mutates `service`.
 */
export function preserveAllocatedServiceFields(service: KubeObject, old: KubeObject): void {
  const spec = ensureRecord(service, 'spec');
  const oldSpec = recordAt(old, 'spec') ?? {};
  if (spec.type === 'ExternalName') return;
  if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
  if (!spec.clusterIPs && oldSpec.clusterIPs) spec.clusterIPs = oldSpec.clusterIPs;
  if (!spec.ipFamilies && oldSpec.ipFamilies) spec.ipFamilies = oldSpec.ipFamilies;
  if (!spec.ipFamilyPolicy && oldSpec.ipFamilyPolicy) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const oldPorts = recordsAt(oldSpec, 'ports');
    for (const port of recordsAt(spec, 'ports')) {
      if (port.nodePort) continue;
      const match = oldPorts.find((candidate) => candidate.port === port.port && (candidate.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (match?.nodePort) port.nodePort = match.nodePort;
    }
    if (!spec.healthCheckNodePort && oldSpec.healthCheckNodePort) spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

export const serviceStrategy = defineStrategy({
  resource: resources.services,
  kind: 'Service',
  singular: 'service',
  namespaced: true,
  nameRule: nameIsDns1035Label,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status', 'proxy'],
  applyDefaults,
  validateFields,
  validateUpdate,
});
