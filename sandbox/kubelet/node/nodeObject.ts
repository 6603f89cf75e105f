import os from 'node:os';
import { allImages, imageId } from '../../images/catalogue';
import type { KubeObject } from '../../store/types';

/** The Node `sandbox` as the kubelet registers it, and its status as heartbeats refresh it. */
export const nodeName = 'sandbox';
export const kubeletVersion = 'v1.33.0-sandbox';

export interface NodeObject extends KubeObject {
  spec?: Record<string, unknown>;
  status?: {
    conditions?: Array<{ type: string; status: string; lastHeartbeatTime?: string; lastTransitionTime?: string; reason?: string; message?: string }>;
    images?: Array<{ names: string[]; sizeBytes: number }>;
    [field: string]: unknown;
  };
}

export interface NodeCapacity {
  cpu: number;
  memoryBytes: number;
  pods: number;
}

export function nodeCapacity(): NodeCapacity {
  return { cpu: os.cpus().length || 1, memoryBytes: os.totalmem(), pods: 2000 };
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const architecture = process.arch === 'x64' ? 'amd64' : process.arch;

export function newNode(): NodeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      labels: {
        'beta.kubernetes.io/arch': architecture,
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': architecture,
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: '127.244.0.0/16', podCIDRs: ['127.244.0.0/16'] },
  };
}

/** The status the kubelet reports; conditions keep their transition times from `previous`. */
export function nodeStatus(previous: NodeObject['status'], pulled: ReadonlySet<string>, bootId: string): NonNullable<NodeObject['status']> {
  const capacity = nodeCapacity();
  const now = timestamp();
  const condition = (type: string, status: string, reason: string, message: string) => {
    const old = previous?.conditions?.find((candidate) => candidate.type === type);
    return { type, status, lastHeartbeatTime: now, lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : now, reason, message };
  };
  const resources = {
    cpu: String(capacity.cpu),
    memory: `${Math.floor(capacity.memoryBytes / 1024)}Ki`,
    pods: String(capacity.pods),
    'ephemeral-storage': '61202244Ki',
    'hugepages-2Mi': '0',
  };
  return {
    capacity: resources,
    allocatable: resources,
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: bootId.replace(/-/g, ''),
      systemUUID: bootId,
      bootID: bootId,
      kernelVersion: os.release(),
      osImage: 'StatefulSet Explorer sandbox (in-process node)',
      containerRuntimeVersion: 'containerd://1.7.27-sandbox',
      kubeletVersion,
      kubeProxyVersion: kubeletVersion,
      operatingSystem: 'linux',
      architecture,
    },
    images: allImages()
      .filter((image) => pulled.has(image.reference))
      .map((image) => ({ names: [imageId(image), image.reference], sizeBytes: image.sizeBytes })),
  };
}

/** Image references the node had pulled before, read back from its status.images. */
export function pulledImagesOf(node: NodeObject | undefined): Set<string> {
  const pulled = new Set<string>();
  for (const image of node?.status?.images ?? []) for (const name of image.names) if (!name.includes('@')) pulled.add(name);
  return pulled;
}
