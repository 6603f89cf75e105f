import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { invalid, notSupported, required } from './fieldErrors';
import { ensureRecord, recordAt, setDefault, stringAt } from './json';
import { nameIsDnsSubdomain } from './objectMeta';
import { validateAccessModes, volumeModes } from './persistentVolumeClaims';
import { parseQuantity, quantityFormatError } from './quantity';

/** core/v1 PersistentVolume: the provisioner's hostPath volumes. */

function applyDefaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (isHostPath(spec)) setDefault(ensureRecord(spec, 'hostPath'), 'type', '');
  setDefault(ensureRecord(object, 'status'), 'phase', 'Pending');
}

function isHostPath(spec: Record<string, unknown>): boolean {
  return recordAt(spec, 'hostPath') !== undefined;
}

const volumeSources = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'rbd', 'cephfs', 'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile'];
const reclaimPolicies = ['Delete', 'Recycle', 'Retain'];

function validateFields(object: KubeObject): FieldError[] {
  const spec = recordAt(object, 'spec');
  if (!spec) return [required('spec')];
  const errors = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const capacity = recordAt(spec, 'capacity');
  if (!capacity || capacity.storage === undefined) errors.push(required('spec.capacity'));
  else if (parseQuantity(capacity.storage) === undefined) errors.push(invalid('spec.capacity[storage]', String(capacity.storage), quantityFormatError));
  if (!volumeSources.some((source) => recordAt(spec, source))) errors.push(required('spec', 'must specify a volume type'));
  const reclaim = stringAt(spec, 'persistentVolumeReclaimPolicy') ?? '';
  if (!reclaimPolicies.includes(reclaim)) errors.push(notSupported('spec.persistentVolumeReclaimPolicy', reclaim, reclaimPolicies));
  const volumeMode = stringAt(spec, 'volumeMode');
  if (volumeMode !== undefined && !volumeModes.includes(volumeMode)) errors.push(notSupported('spec.volumeMode', volumeMode, volumeModes));
  return errors;
}

export const persistentVolumeStrategy = defineStrategy({
  resource: resources.persistentVolumes,
  kind: 'PersistentVolume',
  singular: 'persistentvolume',
  namespaced: false,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['pv'],
  subresources: ['status'],
  applyDefaults,
  validateFields,
});
