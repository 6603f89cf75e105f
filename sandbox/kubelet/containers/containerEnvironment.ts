import type { ClusterClient } from '../../apiserver/registry/clusterClient';
import { resources } from '../../apiserver/registry/clusterClient';
import type { KubeObject } from '../../store/types';
import type { ConfigMap, Container, EnvVarSource, Pod, Secret } from '../podTypes';
import { parseQuantity } from './quantity';

/** A container whose environment cannot be built yet: the kubelet shows CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

interface Service extends KubeObject {
  spec?: { clusterIP?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> };
}

export interface EnvironmentInputs {
  client: ClusterClient;
  pod: Pod;
  container: Container;
  imageEnv: Record<string, string>;
  hostname: string;
  podIP: string;
  hostIP: string;
  nodeAllocatable: { cpu: number; memory: number };
}

function serviceVariables(client: ClusterClient, namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const variables = new Map<string, string>();
  const add = (service: Service) => {
    const ip = service.spec?.clusterIP;
    const ports = service.spec?.ports ?? [];
    if (!ip || ip === 'None' || ports.length === 0) return;
    const prefix = (service.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    variables.set(`${prefix}_SERVICE_HOST`, ip);
    variables.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
    for (const port of ports) if (port.name) variables.set(`${prefix}_SERVICE_PORT_${port.name.toUpperCase().replace(/-/g, '_')}`, String(port.port));
    const first = ports[0];
    variables.set(`${prefix}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`);
    for (const port of ports) {
      const protocol = port.protocol ?? 'TCP';
      const base = `${prefix}_PORT_${port.port}_${protocol}`;
      variables.set(base, `${protocol.toLowerCase()}://${ip}:${port.port}`);
      variables.set(`${base}_PROTO`, protocol.toLowerCase());
      variables.set(`${base}_PORT`, String(port.port));
      variables.set(`${base}_ADDR`, ip);
    }
  };
  if (enableServiceLinks) for (const service of client.list<Service>(resources.services, namespace).items) if (service.metadata.name !== 'kubernetes' || namespace === 'default') add(service);
  // Every pod learns where the API server is, whatever enableServiceLinks says.
  const kubernetes = client.get<Service>(resources.services, 'default', 'kubernetes');
  if (kubernetes) add(kubernetes);
  else add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: { clusterIP: '127.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } });
  return variables;
}

function configMapValue(client: ClusterClient, namespace: string, name: string): ConfigMap | undefined {
  return client.get<ConfigMap>(resources.configMaps, namespace, name);
}

function secretValues(client: ClusterClient, namespace: string, name: string): Record<string, string> | undefined {
  const secret = client.get<Secret>(resources.secrets, namespace, name);
  if (!secret) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) values[key] = Buffer.from(value, 'base64').toString('utf8');
  for (const [key, value] of Object.entries(secret.stringData ?? {})) values[key] = value;
  return values;
}

function fieldValue(inputs: EnvironmentInputs, fieldPath: string): string {
  const { pod } = inputs;
  const labelMatch = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelMatch) return (labelMatch[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[labelMatch[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return inputs.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return inputs.podIP;
    default:
      throw new ContainerConfigError(`unsupported fieldPath: ${fieldPath}`);
  }
}

function resourceValue(inputs: EnvironmentInputs, source: NonNullable<EnvVarSource['resourceFieldRef']>): string {
  const container = source.containerName ? inputs.pod.spec.containers.find((candidate) => candidate.name === source.containerName) : inputs.container;
  const [kind, resource] = source.resource.split('.') as ['limits' | 'requests', string];
  const declared = parseQuantity(container?.resources?.[kind]?.[resource]);
  const value = declared ?? (resource === 'cpu' ? inputs.nodeAllocatable.cpu : resource === 'memory' ? inputs.nodeAllocatable.memory : 0);
  const divisor = parseQuantity(source.divisor) ?? 1;
  return String(Math.ceil(value / divisor));
}

function resolveSource(inputs: EnvironmentInputs, namespace: string, source: EnvVarSource): string | undefined {
  if (source.fieldRef) return fieldValue(inputs, source.fieldRef.fieldPath);
  if (source.resourceFieldRef) return resourceValue(inputs, source.resourceFieldRef);
  if (source.configMapKeyRef) {
    const { name, key, optional } = source.configMapKeyRef;
    const configMap = configMapValue(inputs.client, namespace, name);
    if (!configMap) {
      if (optional) return undefined;
      throw new ContainerConfigError(`configmap "${name}" not found`);
    }
    const value = configMap.data?.[key];
    if (value === undefined && !optional) throw new ContainerConfigError(`couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
    return value;
  }
  if (source.secretKeyRef) {
    const { name, key, optional } = source.secretKeyRef;
    const values = secretValues(inputs.client, namespace, name);
    if (!values) {
      if (optional) return undefined;
      throw new ContainerConfigError(`secret "${name}" not found`);
    }
    const value = values[key];
    if (value === undefined && !optional) throw new ContainerConfigError(`couldn't find key ${key} in Secret ${namespace}/${name}`);
    return value;
  }
  return undefined;
}

/** $(VAR) references to variables defined earlier are expanded; $$(VAR) escapes, as in the kubelet. */
function expandReferences(value: string, defined: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    return name !== undefined && defined.has(name) ? (defined.get(name) as string) : whole;
  });
}

/**
 * The environment of a container, in the order a real node builds it: the image's ENV, HOSTNAME,
 * the Service variables (including KUBERNETES_SERVICE_HOST/PORT), then envFrom and env with
 * valueFrom resolved. Throws ContainerConfigError for a missing Secret, ConfigMap or key.
 */
export function containerEnvironment(inputs: EnvironmentInputs): Map<string, string> {
  const namespace = inputs.pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>(Object.entries(inputs.imageEnv));
  env.set('HOSTNAME', inputs.hostname);
  for (const [name, value] of serviceVariables(inputs.client, namespace, inputs.pod.spec.enableServiceLinks !== false)) env.set(name, value);

  const declared = new Map<string, string>();
  for (const source of inputs.container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (source.configMapRef) {
      const configMap = configMapValue(inputs.client, namespace, source.configMapRef.name);
      if (!configMap && !source.configMapRef.optional) throw new ContainerConfigError(`configmap "${source.configMapRef.name}" not found`);
      for (const [key, value] of Object.entries(configMap?.data ?? {})) declared.set(`${prefix}${key}`, value);
    }
    if (source.secretRef) {
      const values = secretValues(inputs.client, namespace, source.secretRef.name);
      if (!values && !source.secretRef.optional) throw new ContainerConfigError(`secret "${source.secretRef.name}" not found`);
      for (const [key, value] of Object.entries(values ?? {})) declared.set(`${prefix}${key}`, value);
    }
  }
  for (const variable of inputs.container.env ?? []) {
    const lookup = new Map([...env, ...declared]);
    const value = variable.valueFrom ? resolveSource(inputs, namespace, variable.valueFrom) : expandReferences(variable.value ?? '', lookup);
    if (value !== undefined) declared.set(variable.name, value);
  }
  for (const [name, value] of declared) env.set(name, value);
  return env;
}
