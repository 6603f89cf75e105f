import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ClusterClient } from '../../apiserver/registry/clusterClient';
import { resources } from '../../apiserver/registry/clusterClient';
import type { KubeObject } from '../../store/types';
import type { ConfigMap, KeyToPath, Pod, Secret, Volume } from '../podTypes';
import type { FileBacking } from './fileBacking';
import { HostDirectoryBacking } from './hostDirectoryBacking';
import { KeyFilesBacking } from './keyFilesBacking';
import { SubPathBacking } from './subPathBacking';
import { resolveVirtualPath } from './virtualPath';
import type { Mount } from './containerFileSystem';

/** A volume that cannot be set up yet; the kubelet reports it as FailedMount and tries again. */
export class VolumeSetupError extends Error {}

interface PersistentVolumeClaim extends KubeObject {
  spec?: { volumeName?: string };
  status?: { phase?: string };
}

interface PersistentVolume extends KubeObject {
  spec?: { hostPath?: { path?: string } };
}

export interface PodVolumeOptions {
  client: ClusterClient;
  /** SANDBOX_DIR: host directories of volumes must lie inside it. */
  dataDir: string;
  /** Per-pod directory for emptyDir volumes, removed with the pod. */
  podDirectory: string;
}

function keyFiles(data: Record<string, Buffer>, items: KeyToPath[] | undefined): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!items) {
    for (const [key, value] of Object.entries(data)) files.set(key, value);
    return files;
  }
  for (const item of items) {
    const value = data[item.key];
    // Normalizing as a container path keeps an item's path from climbing out of the volume.
    if (value) files.set(resolveVirtualPath('/', item.path).slice(1), value);
  }
  return files;
}

function configMapData(client: ClusterClient, namespace: string, name: string): Record<string, Buffer> | undefined {
  const configMap = client.get<ConfigMap>(resources.configMaps, namespace, name);
  if (!configMap) return undefined;
  const data: Record<string, Buffer> = {};
  for (const [key, value] of Object.entries(configMap.data ?? {})) data[key] = Buffer.from(value);
  for (const [key, value] of Object.entries(configMap.binaryData ?? {})) data[key] = Buffer.from(value, 'base64');
  return data;
}

function secretData(client: ClusterClient, namespace: string, name: string): Record<string, Buffer> | undefined {
  const secret = client.get<Secret>(resources.secrets, namespace, name);
  if (!secret) return undefined;
  const data: Record<string, Buffer> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = Buffer.from(value, 'base64');
  for (const [key, value] of Object.entries(secret.stringData ?? {})) data[key] = Buffer.from(value);
  return data;
}

function insideDataDir(dataDir: string, directory: string): boolean {
  const relative = path.relative(dataDir, directory);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The backing of one pod volume; throws VolumeSetupError while it cannot be set up. */
export function volumeBacking(pod: Pod, volume: Volume, options: PodVolumeOptions): FileBacking {
  const namespace = pod.metadata.namespace ?? 'default';
  const setupFailed = (detail: string) => new VolumeSetupError(`MountVolume.SetUp failed for volume "${volume.name}" : ${detail}`);
  if (volume.persistentVolumeClaim) {
    const claimName = volume.persistentVolumeClaim.claimName;
    const claim = options.client.get<PersistentVolumeClaim>(resources.persistentVolumeClaims, namespace, claimName);
    if (!claim) throw setupFailed(`persistentvolumeclaim "${claimName}" not found`);
    const volumeName = claim.spec?.volumeName;
    if (!volumeName || claim.status?.phase !== 'Bound') throw setupFailed(`persistentvolumeclaim "${claimName}" is not bound yet`);
    const persistentVolume = options.client.get<PersistentVolume>(resources.persistentVolumes, undefined, volumeName);
    const directory = persistentVolume?.spec?.hostPath?.path;
    if (!directory) throw setupFailed(`persistentvolume "${volumeName}" has no hostPath directory`);
    if (!insideDataDir(options.dataDir, path.resolve(directory))) throw setupFailed(`the sandbox only mounts directories under ${path.join(options.dataDir, 'volumes')}, not ${directory}`);
    mkdirSync(directory, { recursive: true });
    return new HostDirectoryBacking(path.resolve(directory), volume.persistentVolumeClaim.readOnly ?? false);
  }
  if (volume.emptyDir) {
    const directory = path.join(options.podDirectory, 'volumes', 'kubernetes.io~empty-dir', volume.name);
    mkdirSync(directory, { recursive: true });
    return new HostDirectoryBacking(directory, false);
  }
  if (volume.configMap) {
    const { name, items, optional } = volume.configMap;
    if (!optional && !configMapData(options.client, namespace, name)) throw setupFailed(`configmap "${name}" not found`);
    return new KeyFilesBacking(() => keyFiles(configMapData(options.client, namespace, name) ?? {}, items));
  }
  if (volume.secret) {
    const { secretName, items, optional } = volume.secret;
    if (!optional && !secretData(options.client, namespace, secretName)) throw setupFailed(`secret "${secretName}" not found`);
    return new KeyFilesBacking(() => keyFiles(secretData(options.client, namespace, secretName) ?? {}, items));
  }
  if (volume.projected) {
    const sources = volume.projected.sources ?? [];
    return new KeyFilesBacking(() => {
      const files = new Map<string, Buffer>();
      for (const source of sources) {
        const data = source.configMap ? configMapData(options.client, namespace, source.configMap.name) : source.secret ? secretData(options.client, namespace, source.secret.name) : undefined;
        if (data) for (const [file, content] of keyFiles(data, (source.configMap ?? source.secret)?.items)) files.set(file, content);
      }
      return files;
    });
  }
  if (volume.hostPath) {
    const directory = path.resolve(volume.hostPath.path);
    if (!insideDataDir(options.dataDir, directory)) throw setupFailed(`hostPath volumes must lie under the sandbox directory ${options.dataDir}; ${volume.hostPath.path} is outside it`);
    mkdirSync(directory, { recursive: true });
    return new HostDirectoryBacking(directory, false);
  }
  throw setupFailed('this volume type is not supported by the sandbox (use persistentVolumeClaim, emptyDir, configMap, secret or projected)');
}

/** The mounts of one container: every volumeMount resolved to its backing (with subPath). */
export function containerMounts(pod: Pod, containerName: string, options: PodVolumeOptions): Mount[] {
  const container = pod.spec.containers.find((candidate) => candidate.name === containerName);
  const volumes = new Map((pod.spec.volumes ?? []).map((volume) => [volume.name, volume]));
  const mounts: Mount[] = [];
  for (const volumeMount of container?.volumeMounts ?? []) {
    const volume = volumes.get(volumeMount.name);
    if (!volume) throw new VolumeSetupError(`MountVolume.SetUp failed for volume "${volumeMount.name}" : the pod has no volume with that name`);
    let backing = volumeBacking(pod, volume, options);
    if (volumeMount.subPath) backing = new SubPathBacking(backing, resolveVirtualPath('/', volumeMount.subPath).split('/').filter(Boolean));
    mounts.push({ path: resolveVirtualPath('/', volumeMount.mountPath), backing, readOnly: volumeMount.readOnly ?? false });
  }
  return mounts;
}
