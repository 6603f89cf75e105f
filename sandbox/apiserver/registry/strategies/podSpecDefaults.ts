import { ensureRecord, isRecord, recordsAt, setDefault, stringAt, type JsonRecord } from './json';

/**
 * Defaults for a PodSpec as pkg/apis/core/v1/defaults.go applies them, shared by Pods and the pod
 * templates of StatefulSets. Pod-only admission (service account, tolerations, priority) is in pods.ts.
 */

/** Image tag as parsers.ParseImageName sees it: "latest" when neither tag nor digest is given. */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const beforeDigest = image.slice(0, image.indexOf('@'));
    const lastSegment = beforeDigest.slice(beforeDigest.lastIndexOf('/') + 1);
    return lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : 'latest';
}

function defaultProbe(probe: unknown): void {
  if (!isRecord(probe)) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  const httpGet = probe.httpGet;
  if (isRecord(httpGet)) {
    if (!httpGet.path) httpGet.path = '/';
    if (!httpGet.scheme) httpGet.scheme = 'HTTP';
  }
}

function defaultLifecycleHandler(handler: unknown): void {
  if (!isRecord(handler)) return;
  const httpGet = handler.httpGet;
  if (isRecord(httpGet)) {
    if (!httpGet.path) httpGet.path = '/';
    if (!httpGet.scheme) httpGet.scheme = 'HTTP';
  }
}

function defaultContainer(container: JsonRecord, isPod: boolean): void {
  if (!container.imagePullPolicy) {
    const image = stringAt(container, 'image') ?? '';
    container.imagePullPolicy = imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  const resources = ensureRecord(container, 'resources');
  // Pods only: requests default to limits when only limits are given (SetDefaults_Pod).
  if (isPod && isRecord(resources.limits)) {
    const requests = ensureRecord(resources, 'requests');
    for (const [name, quantity] of Object.entries(resources.limits)) setDefault(requests, name, quantity);
  }
  for (const port of recordsAt(container, 'ports')) setDefault(port, 'protocol', 'TCP');
  for (const env of recordsAt(container, 'env')) {
    const fieldRef = isRecord(env.valueFrom) ? env.valueFrom.fieldRef : undefined;
    if (isRecord(fieldRef)) setDefault(fieldRef, 'apiVersion', 'v1');
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  if (isRecord(container.lifecycle)) {
    defaultLifecycleHandler(container.lifecycle.postStart);
    defaultLifecycleHandler(container.lifecycle.preStop);
  }
}

function defaultVolume(volume: JsonRecord): void {
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  for (const key of ['configMap', 'secret', 'projected', 'downwardAPI']) {
    const source = volume[key];
    if (isRecord(source)) setDefault(source, 'defaultMode', 420);
  }
  if (isRecord(volume.hostPath)) setDefault(volume.hostPath, 'type', '');
}

export function applyPodSpecDefaults(spec: JsonRecord, isPod: boolean): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  if (spec.hostNetwork === true) {
    for (const container of [...recordsAt(spec, 'containers'), ...recordsAt(spec, 'initContainers')]) {
      for (const port of recordsAt(container, 'ports')) setDefault(port, 'hostPort', port.containerPort);
    }
  }
  for (const container of recordsAt(spec, 'initContainers')) defaultContainer(container, isPod);
  for (const container of recordsAt(spec, 'containers')) defaultContainer(container, isPod);
  for (const volume of recordsAt(spec, 'volumes')) defaultVolume(volume);
}
