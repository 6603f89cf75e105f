import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden, notSupported, required } from './fieldErrors';
import { jsonEqual, stringAt } from './json';
import { nameIsDnsSubdomain } from './objectMeta';

/** storage.k8s.io/v1 StorageClass. */

const reclaimPolicies = ['Delete', 'Retain'];
const bindingModes = ['Immediate', 'WaitForFirstConsumer'];

function applyDefaults(object: KubeObject): void {
  if (!object.reclaimPolicy) object.reclaimPolicy = 'Delete';
  if (!object.volumeBindingMode) object.volumeBindingMode = 'Immediate';
}

function validateFields(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (!stringAt(object, 'provisioner')) errors.push(required('provisioner'));
  const reclaim = stringAt(object, 'reclaimPolicy') ?? '';
  if (!reclaimPolicies.includes(reclaim)) errors.push(notSupported('reclaimPolicy', reclaim, reclaimPolicies));
  const binding = stringAt(object, 'volumeBindingMode') ?? '';
  if (!bindingModes.includes(binding)) errors.push(notSupported('volumeBindingMode', binding, bindingModes));
  return errors;
}

function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (!jsonEqual(object.parameters, old.parameters)) errors.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (object.provisioner !== old.provisioner) errors.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (object.reclaimPolicy !== old.reclaimPolicy) errors.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (object.volumeBindingMode !== old.volumeBindingMode) errors.push(forbidden('volumeBindingMode', 'field is immutable'));
  return errors;
}

export const storageClassStrategy = defineStrategy({
  resource: resources.storageClasses,
  kind: 'StorageClass',
  singular: 'storageclass',
  namespaced: false,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['sc'],
  applyDefaults,
  validateFields,
  validateUpdate,
});
