import type { FieldError } from '../strategy';
import { duplicate, invalid, notFound, notSupported, required } from './fieldErrors';
import { isRecord, numberAt, recordsAt, stringAt, type JsonRecord } from './json';
import { isConfigMapKey, isDns1123Label, isEnvVarName, isValidPortName, isValidPortNumber } from './names';
import { validateNonNegative } from './objectMeta';
import { parseQuantity, quantityFormatError } from './quantity';

/**
 * The parts of ValidatePodSpec (pkg/apis/core/validation/validation.go) that manifests of this
 * product and its students touch: containers, images, ports, env, volumes and mounts, probes,
 * restart and DNS policies. Wording follows upstream.
 */

const protocols = ['SCTP', 'TCP', 'UDP'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const restartPolicies = ['Always', 'Never', 'OnFailure'];
const dnsPolicies = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const terminationMessagePolicies = ['FallbackToLogsOnError', 'File'];

function validatePorts(container: JsonRecord, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seenNames = new Set<string>();
  recordsAt(container, 'ports').forEach((port, index) => {
    const portPath = `${path}.ports[${index}]`;
    const name = stringAt(port, 'name');
    if (name) {
      for (const message of isValidPortName(name)) errors.push(invalid(`${portPath}.name`, name, message));
      if (seenNames.has(name)) errors.push(duplicate(`${portPath}.name`, name));
      seenNames.add(name);
    }
    const containerPort = port.containerPort;
    if (containerPort === undefined || containerPort === null || containerPort === 0) errors.push(required(`${portPath}.containerPort`));
    else for (const message of isValidPortNumber(Number(containerPort))) errors.push(invalid(`${portPath}.containerPort`, containerPort, message));
    const hostPort = numberAt(port, 'hostPort');
    if (hostPort !== undefined && hostPort !== 0) for (const message of isValidPortNumber(hostPort)) errors.push(invalid(`${portPath}.hostPort`, hostPort, message));
    const protocol = stringAt(port, 'protocol');
    if (!protocol) errors.push(required(`${portPath}.protocol`));
    else if (!protocols.includes(protocol)) errors.push(notSupported(`${portPath}.protocol`, protocol, protocols));
  });
  return errors;
}

function validateEnv(container: JsonRecord, path: string): FieldError[] {
  const errors: FieldError[] = [];
  recordsAt(container, 'env').forEach((env, index) => {
    const envPath = `${path}.env[${index}]`;
    const name = stringAt(env, 'name');
    if (!name) errors.push(required(`${envPath}.name`));
    else for (const message of isEnvVarName(name)) errors.push(invalid(`${envPath}.name`, name, message));
    const valueFrom = env.valueFrom;
    if (isRecord(valueFrom)) {
      for (const refKind of ['configMapKeyRef', 'secretKeyRef']) {
        const ref = valueFrom[refKind];
        if (!isRecord(ref)) continue;
        const key = stringAt(ref, 'key');
        if (!key) errors.push(required(`${envPath}.valueFrom.${refKind}.key`));
        else for (const message of isConfigMapKey(key)) errors.push(invalid(`${envPath}.valueFrom.${refKind}.key`, key, message));
      }
    }
  });
  return errors;
}

/** ValidateResourceRequirements: quantities parse, and no request exceeds its limit. */
function validateResources(container: JsonRecord, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const resources = isRecord(container.resources) ? container.resources : {};
  const limits = isRecord(resources.limits) ? resources.limits : {};
  const requests = isRecord(resources.requests) ? resources.requests : {};
  for (const [kind, values] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, quantity] of Object.entries(values)) {
      const amount = parseQuantity(quantity);
      if (amount === undefined) errors.push(invalid(`${path}.resources.${kind}[${name}]`, String(quantity), quantityFormatError));
      else if (amount < 0) errors.push(invalid(`${path}.resources.${kind}[${name}]`, String(quantity), 'must be greater than or equal to 0'));
    }
  }
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit === undefined) continue;
    const requested = parseQuantity(request);
    const limited = parseQuantity(limit);
    if (requested !== undefined && limited !== undefined && requested > limited) {
      errors.push(invalid(`${path}.resources.requests[${name}]`, String(request), `must be less than or equal to ${name} limit of ${String(limit)}`));
    }
  }
  return errors;
}

function validateProbe(probe: unknown, path: string): FieldError[] {
  if (!isRecord(probe)) return [];
  const errors: FieldError[] = [];
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errors.push(...validateNonNegative(probe[field], `${path}.${field}`));
  }
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((handler) => isRecord(probe[handler]));
  if (handlers.length === 0) errors.push(required(path, 'must specify a handler type'));
  const httpGet = probe.httpGet;
  if (isRecord(httpGet)) {
    const scheme = stringAt(httpGet, 'scheme');
    if (scheme && !['HTTP', 'HTTPS'].includes(scheme)) errors.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']));
    const port = httpGet.port;
    if (typeof port === 'number') for (const message of isValidPortNumber(port)) errors.push(invalid(`${path}.httpGet.port`, port, message));
  }
  return errors;
}

function validateContainer(container: JsonRecord, path: string, volumeNames: Set<string>, isInit: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringAt(container, 'name');
  if (!name) errors.push(required(`${path}.name`));
  else for (const message of isDns1123Label(name)) errors.push(invalid(`${path}.name`, name, message));
  const image = stringAt(container, 'image');
  if (!image) errors.push(required(`${path}.image`));
  else if (image.trim() !== image) errors.push(invalid(`${path}.image`, image, 'must not have leading or trailing whitespace'));
  const pullPolicy = stringAt(container, 'imagePullPolicy');
  if (!pullPolicy) errors.push(required(`${path}.imagePullPolicy`));
  else if (!pullPolicies.includes(pullPolicy)) errors.push(notSupported(`${path}.imagePullPolicy`, pullPolicy, pullPolicies));
  const terminationMessagePolicy = stringAt(container, 'terminationMessagePolicy');
  if (!terminationMessagePolicy) errors.push(required(`${path}.terminationMessagePolicy`));
  else if (!terminationMessagePolicies.includes(terminationMessagePolicy)) {
    errors.push(notSupported(`${path}.terminationMessagePolicy`, terminationMessagePolicy, terminationMessagePolicies));
  }
  errors.push(...validatePorts(container, path));
  errors.push(...validateEnv(container, path));
  errors.push(...validateResources(container, path));
  recordsAt(container, 'volumeMounts').forEach((mount, index) => {
    const mountPath = `${path}.volumeMounts[${index}]`;
    const mountName = stringAt(mount, 'name');
    if (!mountName) errors.push(required(`${mountPath}.name`));
    else if (!volumeNames.has(mountName)) errors.push(notFound(`${mountPath}.name`, mountName));
    if (!stringAt(mount, 'mountPath')) errors.push(required(`${mountPath}.mountPath`));
  });
  if (isInit) {
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (isRecord(container[probe]) && container.restartPolicy !== 'Always') errors.push(invalid(`${path}.${probe}`, undefined, 'must not be set for init containers'));
    }
  } else {
    errors.push(...validateProbe(container.livenessProbe, `${path}.livenessProbe`));
    errors.push(...validateProbe(container.readinessProbe, `${path}.readinessProbe`));
    errors.push(...validateProbe(container.startupProbe, `${path}.startupProbe`));
    const liveness = container.livenessProbe;
    if (isRecord(liveness) && liveness.successThreshold !== undefined && liveness.successThreshold !== 1) {
      errors.push(invalid(`${path}.livenessProbe.successThreshold`, liveness.successThreshold, 'must be 1'));
    }
  }
  return errors;
}

/** Validates a PodSpec at `path` ("spec" for pods). */
export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  if (!isRecord(spec)) return [required(path)];
  const errors: FieldError[] = [];
  const volumeNames = new Set<string>();
  recordsAt(spec, 'volumes').forEach((volume, index) => {
    const volumePath = `${path}.volumes[${index}]`;
    const name = stringAt(volume, 'name');
    if (!name) errors.push(required(`${volumePath}.name`));
    else {
      for (const message of isDns1123Label(name)) errors.push(invalid(`${volumePath}.name`, name, message));
      if (volumeNames.has(name)) errors.push(duplicate(`${volumePath}.name`, name));
      volumeNames.add(name);
    }
    const claim = volume.persistentVolumeClaim;
    if (isRecord(claim) && !stringAt(claim, 'claimName')) errors.push(required(`${volumePath}.persistentVolumeClaim.claimName`));
  });

  const containers = recordsAt(spec, 'containers');
  const containerNames = new Set<string>();
  const checkUnique = (container: JsonRecord, containerPath: string): void => {
    const name = stringAt(container, 'name');
    if (!name) return;
    if (containerNames.has(name)) errors.push(duplicate(`${containerPath}.name`, name));
    containerNames.add(name);
  };
  recordsAt(spec, 'initContainers').forEach((container, index) => {
    const containerPath = `${path}.initContainers[${index}]`;
    errors.push(...validateContainer(container, containerPath, volumeNames, true));
    checkUnique(container, containerPath);
  });
  if (containers.length === 0) errors.push(required(`${path}.containers`));
  containers.forEach((container, index) => {
    const containerPath = `${path}.containers[${index}]`;
    errors.push(...validateContainer(container, containerPath, volumeNames, false));
    checkUnique(container, containerPath);
  });

  const restartPolicy = stringAt(spec, 'restartPolicy');
  if (!restartPolicy) errors.push(required(`${path}.restartPolicy`));
  else if (!restartPolicies.includes(restartPolicy)) errors.push(notSupported(`${path}.restartPolicy`, restartPolicy, restartPolicies));
  const dnsPolicy = stringAt(spec, 'dnsPolicy');
  if (!dnsPolicy) errors.push(required(`${path}.dnsPolicy`));
  else if (!dnsPolicies.includes(dnsPolicy)) errors.push(notSupported(`${path}.dnsPolicy`, dnsPolicy, dnsPolicies));
  errors.push(...validateNonNegative(spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && deadline <= 0) errors.push(invalid(`${path}.activeDeadlineSeconds`, deadline, 'must be between 1 and 2147483647, inclusive'));
  const hostname = stringAt(spec, 'hostname');
  if (hostname) for (const message of isDns1123Label(hostname)) errors.push(invalid(`${path}.hostname`, hostname, message));
  const subdomain = stringAt(spec, 'subdomain');
  if (subdomain) for (const message of isDns1123Label(subdomain)) errors.push(invalid(`${path}.subdomain`, subdomain, message));
  return errors;
}
