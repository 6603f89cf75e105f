/**
 * What the UI gets: API objects reduced to what a person reads on the screen. Built on the server
 * (lib/k8s/views/*), sent over SSE and JSON. Never carries managedFields or Secret values: an env
 * var from a Secret is its reference, as `kubectl describe` prints it.
 *
 * This file is the contract between the dashboard server (issue 5) and the UI (issue 6).
 */

export interface ObjectRef {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
}

export interface StatefulSetSummary extends ObjectRef {
  replicas: number; // spec.replicas
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  statusReplicas: number;
  currentRevision: string;
  updateRevision: string;
  observedGeneration: number;
  generation: number;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; partition: number; maxUnavailable?: string | number };
  serviceName: string;
  selector: Record<string, string>;
  images: { container: string; image: string }[];
  minReadySeconds: number;
  ordinalsStart: number;
  retentionPolicy: { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' };
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface EnvVarView {
  name: string;
  /** Plain value, or a description of the source like kubectl describe: "<set to the key 'password' in secret 'credentials'>". */
  value: string;
  source: 'value' | 'secretKeyRef' | 'configMapKeyRef' | 'fieldRef' | 'resourceFieldRef';
  optional?: boolean;
}

export interface ProbeView {
  /** kubectl describe wording: "http-get http://:8080/healthcheck delay=0s timeout=1s period=10s #success=1 #failure=3" */
  description: string;
}

export interface ContainerView {
  name: string;
  image: string;
  ports: { name?: string; containerPort: number; protocol: string }[];
  limits: Record<string, string>;
  requests: Record<string, string>;
  liveness?: ProbeView;
  readiness?: ProbeView;
  startup?: ProbeView;
  env: EnvVarView[];
  envFrom: string[];
  mounts: { mountPath: string; name: string; readOnly: boolean; subPath?: string }[];
  command?: string[];
  args?: string[];
}

export interface VolumeView {
  name: string;
  /** "ConfigMap", "Secret", "EmptyDir", "PersistentVolumeClaim", ... */
  type: string;
  /** Lines as kubectl describe prints them, e.g. [["Name", "python-app-configmap"], ["Optional", "false"]]. Never a Secret's data. */
  details: [string, string][];
}

export interface ClaimTemplateView {
  name: string;
  storageClass: string;
  capacity: string;
  accessModes: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface PodTemplateView {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccount: string;
  containers: ContainerView[];
  initContainers: ContainerView[];
  volumes: VolumeView[];
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodView extends ObjectRef {
  ordinal: number;
  phase: PodPhase;
  /** What `kubectl get pods` prints in STATUS: Running, ContainerCreating, Terminating, CrashLoopBackOff, ImagePullBackOff, ... */
  status: string;
  ready: boolean;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  revision: string; // controller-revision-hash label
  podIP: string;
  hostIP: string;
  node: string;
  creationTimestamp: string;
  startTime?: string;
  deletionTimestamp?: string;
  images: { container: string; image: string }[];
  /** Names of the claims this pod mounts. */
  claims: string[];
  conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
  containerStates: { name: string; state: string; reason?: string; message?: string; ready: boolean; restartCount: number }[];
}

export interface ClaimView extends ObjectRef {
  /** Which pod ordinal the claim belongs to, parsed from `<template>-<sts>-<ordinal>`; null when it does not follow the pattern. */
  ordinal: number | null;
  template: string;
  pod: string;
  phase: string; // Pending, Bound, Lost
  volume: string;
  capacity: string;
  requested: string;
  accessModes: string[];
  storageClass: string;
  creationTimestamp: string;
  /** True when the ordinal is at or above the replica count: the claim outlived its pod (retained by policy). */
  orphaned: boolean;
}

export interface ServicePortView {
  name?: string;
  port: number;
  targetPort: string;
  nodePort?: number;
  protocol: string;
}

export interface ServiceView extends ObjectRef {
  type: string;
  clusterIP: string;
  externalIP: string; // "<pending>", "<none>" or addresses, as kubectl prints
  ports: ServicePortView[];
  selector: Record<string, string>;
  headless: boolean;
  sessionAffinity: string;
  readyEndpoints: EndpointView[];
  notReadyEndpoints: EndpointView[];
  creationTimestamp: string;
}

export interface EndpointView {
  ip: string;
  pod?: string;
  ports: { name?: string; port: number }[];
}

export interface RevisionView {
  name: string;
  revision: number;
  hash: string;
  creationTimestamp: string;
  images: { container: string; image: string }[];
  /** The pod template stored in this revision, as YAML, for diffs between revisions. */
  templateYaml: string;
  isCurrent: boolean;
  isUpdate: boolean;
}

export interface EventView {
  uid: string;
  type: string; // Normal, Warning
  reason: string;
  message: string;
  source: string; // "statefulset-controller", "kubelet"
  involvedKind: string;
  involvedName: string;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
}

/** Per-action permission from SelfSubjectAccessReview. */
export interface ActionPermission {
  allowed: boolean;
  /** Why not, in plain words ("Your user cannot patch statefulsets in namespace default"). */
  reason?: string;
}

export type ActionName = 'scale' | 'restart' | 'image' | 'update-strategy' | 'rollback' | 'pod-management-policy' | 'delete-pod' | 'exec' | 'logs' | 'traffic';

export interface StatefulSetDetail {
  statefulSet: StatefulSetSummary;
  template: PodTemplateView;
  claimTemplates: ClaimTemplateView[];
  pods: PodView[];
  claims: ClaimView[];
  services: ServiceView[];
  revisions: RevisionView[];
  events: EventView[];
  permissions: Record<ActionName, ActionPermission>;
  /** The StatefulSet as YAML, without managedFields. */
  yaml: string;
  /** Dashboard-wide: READ_ONLY=true. */
  readOnly: boolean;
  /** The file the visits sampler reads, relative to the container's working directory. */
  visitsPath: string;
}
