import type { V1Volume } from '@kubernetes/client-node';
import type { VolumeView } from '../viewModels';

/** A pod volume as `kubectl describe` lists it: its type and the fields that say where data comes from. Never a Secret's data. */
export function describeVolume(volume: V1Volume): VolumeView {
  const { name } = volume;
  if (volume.persistentVolumeClaim) {
    return { name, type: 'PersistentVolumeClaim', details: [['ClaimName', volume.persistentVolumeClaim.claimName], ['ReadOnly', String(volume.persistentVolumeClaim.readOnly ?? false)]] };
  }
  if (volume.configMap) {
    return { name, type: 'ConfigMap', details: [['Name', volume.configMap.name ?? ''], ['Optional', String(volume.configMap.optional ?? false)]] };
  }
  if (volume.secret) {
    return { name, type: 'Secret', details: [['SecretName', volume.secret.secretName ?? ''], ['Optional', String(volume.secret.optional ?? false)]] };
  }
  if (volume.emptyDir) {
    return { name, type: 'EmptyDir', details: [['Medium', volume.emptyDir.medium ?? ''], ['SizeLimit', volume.emptyDir.sizeLimit === undefined ? '<unset>' : String(volume.emptyDir.sizeLimit)]] };
  }
  if (volume.hostPath) {
    return { name, type: 'HostPath', details: [['Path', volume.hostPath.path], ['HostPathType', volume.hostPath.type ?? '']] };
  }
  if (volume.downwardAPI) {
    return { name, type: 'DownwardAPI', details: (volume.downwardAPI.items ?? []).map((item): [string, string] => [item.path, item.fieldRef?.fieldPath ?? item.resourceFieldRef?.resource ?? '']) };
  }
  if (volume.projected) {
    const details: [string, string][] = [];
    for (const source of volume.projected.sources ?? []) {
      if (source.configMap) details.push(['ConfigMapName', source.configMap.name ?? '']);
      if (source.secret) details.push(['SecretName', source.secret.name ?? '']);
      if (source.serviceAccountToken) details.push(['TokenExpirationSeconds', String(source.serviceAccountToken.expirationSeconds ?? 3607)]);
      if (source.downwardAPI) details.push(['DownwardAPI', 'true']);
    }
    return { name, type: 'Projected', details };
  }
  if (volume.nfs) return { name, type: 'NFS', details: [['Server', volume.nfs.server], ['Path', volume.nfs.path], ['ReadOnly', String(volume.nfs.readOnly ?? false)]] };
  const known = Object.keys(volume).find((key) => key !== 'name');
  return { name, type: known ? known[0].toUpperCase() + known.slice(1) : 'Unknown', details: [] };
}
