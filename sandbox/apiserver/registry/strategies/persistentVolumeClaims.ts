import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden, invalid, notSupported, required } from './fieldErrors';
import { clone, ensureRecord, jsonEqual, recordAt, setDefault, stringAt, type JsonRecord } from './json';
import { isDns1123Subdomain } from './names';
import { nameIsDnsSubdomain } from './objectMeta';
import { parseQuantity, quantityFormatError } from './quantity';

/** core/v1 PersistentVolumeClaim and the claim templates of StatefulSets. */

export const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const volumeModes = ['Block', 'Filesystem'];

export function applyClaimSpecDefaults(spec: JsonRecord): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

function applyDefaults(object: KubeObject): void {
  applyClaimSpecDefaults(ensureRecord(object, 'spec'));
  setDefault(ensureRecord(object, 'status'), 'phase', 'Pending');
}

export function validateAccessModes(modes: unknown, path: string): FieldError[] {
  const list = Array.isArray(modes) ? modes.map(String) : [];
  if (list.length === 0) return [required(path, 'at least 1 access mode is required')];
  const errors: FieldError[] = [];
  for (const mode of list) if (!accessModes.includes(mode)) errors.push(notSupported(path, mode, accessModes));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errors.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

function validateClaimSpec(spec: JsonRecord | undefined, path: string): FieldError[] {
  if (!spec) return [required(path)];
  const errors = validateAccessModes(spec.accessModes, `${path}.accessModes`);
  const requests = recordAt(recordAt(spec, 'resources'), 'requests');
  const storage = requests?.storage;
  if (storage === undefined || storage === null) errors.push(required(`${path}.resources[storage]`));
  else {
    const amount = parseQuantity(storage);
    if (amount === undefined) errors.push(invalid(`${path}.resources[storage]`, String(storage), quantityFormatError));
    else if (amount <= 0) errors.push(invalid(`${path}.resources[storage]`, String(storage), 'must be greater than zero'));
  }
  const volumeMode = stringAt(spec, 'volumeMode');
  if (volumeMode !== undefined && !volumeModes.includes(volumeMode)) errors.push(notSupported(`${path}.volumeMode`, volumeMode, volumeModes));
  const storageClassName = stringAt(spec, 'storageClassName');
  if (storageClassName) for (const message of isDns1123Subdomain(storageClassName)) errors.push(invalid(`${path}.storageClassName`, storageClassName, message));
  return errors;
}

/**
 * Binding (volumeName) and a late default class (storageClassName from unset) may be filled in
 * once; resources.requests may change; everything else in a claim's spec is immutable.
 */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = clone(recordAt(object, 'spec') ?? {});
  const oldSpec = clone(recordAt(old, 'spec') ?? {});
  if (!oldSpec.volumeName) oldSpec.volumeName = spec.volumeName;
  if (oldSpec.storageClassName === undefined || oldSpec.storageClassName === null) oldSpec.storageClassName = spec.storageClassName;
  for (const candidate of [spec, oldSpec]) {
    const resourcesRecord = recordAt(candidate, 'resources');
    if (resourcesRecord) delete resourcesRecord.requests;
    delete candidate.volumeAttributesClassName;
  }
  if (jsonEqual(spec, oldSpec)) return [];
  return [forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
}

export const persistentVolumeClaimStrategy = defineStrategy({
  resource: resources.persistentVolumeClaims,
  kind: 'PersistentVolumeClaim',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['pvc'],
  subresources: ['status'],
  applyDefaults,
  validateFields: (object) => validateClaimSpec(recordAt(object, 'spec'), 'spec'),
  validateUpdate,
});

export const defaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

/**
 * The DefaultStorageClass admission plugin: a claim with no storageClassName (unset, not "") gets
 * the default class; with several defaults the newest wins, as upstream since 1.26. Mutates.
 */
export function defaultStorageClassAdmission(claim: KubeObject, storageClasses: KubeObject[]): void {
  const spec = ensureRecord(claim, 'spec');
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  const defaults = storageClasses.filter((storageClass) => {
    const value = storageClass.metadata.annotations?.[defaultStorageClassAnnotation] ?? storageClass.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'];
    return value === 'true';
  });
  if (defaults.length === 0) return;
  defaults.sort((left, right) => {
    const byTime = (right.metadata.creationTimestamp ?? '').localeCompare(left.metadata.creationTimestamp ?? '');
    return byTime !== 0 ? byTime : (left.metadata.name ?? '').localeCompare(right.metadata.name ?? '');
  });
  spec.storageClassName = defaults[0].metadata.name;
}

