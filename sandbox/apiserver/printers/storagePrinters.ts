import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { obj, spec, status, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter } from './table';

/** PersistentVolumeClaims, PersistentVolumes and StorageClasses as a 1.33 server prints them. */

/** helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP. */
export function accessModesText(modes: unknown): string {
  const list = Array.isArray(modes) ? modes.map(str) : [];
  const short: Array<[string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short.filter(([mode]) => list.includes(mode)).map(([, text]) => text).join(',');
}

/** The beta annotation wins over spec.storageClassName, as in helper.GetPersistentVolume(Claim)Class. */
function storageClassOf(object: KubeObject): string {
  const annotation = object.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return annotation ?? str(spec(object).storageClassName);
}

function phaseOf(object: KubeObject): string {
  return object.metadata.deletionTimestamp ? 'Terminating' : str(status(object).phase);
}

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
    column('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'capacity represents the actual resources of the underlying volume.'),
    column('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    column('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', { priority: 1 }),
  ],
  cells(object, context) {
    const claimSpec = spec(object);
    const volumeName = str(claimSpec.volumeName);
    const bound = volumeName !== '';
    const capacity = bound ? str(obj(status(object).capacity).storage) : '';
    const accessModes = bound ? accessModesText(status(object).accessModes) : '';
    const attributesClass = str(claimSpec.volumeAttributesClassName) || '<unset>';
    const volumeMode = str(claimSpec.volumeMode) || '<unset>';
    const cells = [str(object.metadata.name), phaseOf(object), volumeName, capacity, accessModes, storageClassOf(object), attributesClass, timestampSince(object.metadata.creationTimestamp, context.now)];
    return context.wide ? [...cells, volumeMode] : cells;
  },
};

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity.'),
    column('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
    column('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    column('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    column('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    column('StorageClass', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    column('Reason', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn,
    column('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', { priority: 1 }),
  ],
  // Upstream always appends VolumeMode here, wide or not; kubectl hides it by its priority.
  cells(object, context) {
    const volumeSpec = spec(object);
    const claimRef = volumeSpec.claimRef === undefined ? undefined : obj(volumeSpec.claimRef);
    const claim = claimRef ? `${str(claimRef.namespace)}/${str(claimRef.name)}` : '';
    return [
      str(object.metadata.name),
      str(obj(volumeSpec.capacity).storage),
      accessModesText(volumeSpec.accessModes),
      str(volumeSpec.persistentVolumeReclaimPolicy),
      phaseOf(object),
      claim,
      storageClassOf(object),
      str(volumeSpec.volumeAttributesClassName) || '<unset>',
      str(status(object).reason),
      timestampSince(object.metadata.creationTimestamp, context.now),
      str(volumeSpec.volumeMode) || '<unset>',
    ];
  },
};

export const storageClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Provisioner', 'provisioner indicates the type of the provisioner.'),
    column('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'),
    column('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
    column('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageColumn,
  ],
  cells(object, context) {
    const annotations = object.metadata.annotations ?? {};
    const isDefault = annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    const name = isDefault ? `${str(object.metadata.name)} (default)` : str(object.metadata.name);
    return [
      name,
      str(object.provisioner),
      str(object.reclaimPolicy) || 'Delete',
      str(object.volumeBindingMode) || 'Immediate',
      object.allowVolumeExpansion === true,
      timestampSince(object.metadata.creationTimestamp, context.now),
    ];
  },
};
