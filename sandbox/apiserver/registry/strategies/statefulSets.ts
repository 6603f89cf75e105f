import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden, goStringMap, invalid, notSupported, required } from './fieldErrors';
import { clone, ensureRecord, isRecord, jsonEqual, recordAt, recordsAt, setDefault, stringAt, stringMapAt } from './json';
import { nameIsDnsLabel, validateAnnotations, validateLabels, validateNonNegative } from './objectMeta';
import { isEmptySelector, selectorMatches, validateLabelSelector } from './labelSelector';
import { applyPodSpecDefaults } from './podSpecDefaults';
import { applyClaimSpecDefaults } from './persistentVolumeClaims';

/** apps/v1 StatefulSet: pkg/apis/apps/v1/defaults.go and pkg/apis/apps/validation/validation.go. */

function applyDefaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  setDefault(spec, 'replicas', 1);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = ensureRecord(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    setDefault(strategy, 'rollingUpdate', {});
  }
  if (strategy.type === 'RollingUpdate' && isRecord(strategy.rollingUpdate)) setDefault(strategy.rollingUpdate, 'partition', 0);
  const retention = ensureRecord(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  setDefault(spec, 'revisionHistoryLimit', 10);
  const template = ensureRecord(spec, 'template');
  applyPodSpecDefaults(ensureRecord(template, 'spec'), false);
  for (const claim of recordsAt(spec, 'volumeClaimTemplates')) {
    setDefault(claim, 'apiVersion', 'v1');
    setDefault(claim, 'kind', 'PersistentVolumeClaim');
    applyClaimSpecDefaults(ensureRecord(claim, 'spec'));
    const status = ensureRecord(claim, 'status');
    setDefault(status, 'phase', 'Pending');
  }
}

const retentionPolicies = ['Retain', 'Delete'];

function validateSpec(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = recordAt(object, 'spec');
  if (!spec) return [required('spec')];
  const policy = stringAt(spec, 'podManagementPolicy');
  if (!policy) errors.push(required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errors.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));

  const strategy = recordAt(spec, 'updateStrategy');
  const strategyType = stringAt(strategy, 'type');
  if (!strategyType) errors.push(required('spec.updateStrategy'));
  else if (strategyType === 'OnDelete') {
    if (strategy?.rollingUpdate) errors.push(invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (strategyType === 'RollingUpdate') {
    errors.push(...validateNonNegative(recordAt(strategy, 'rollingUpdate')?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else {
    errors.push(invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const retention = recordAt(spec, 'persistentVolumeClaimRetentionPolicy');
  for (const field of ['whenDeleted', 'whenScaled']) {
    const value = stringAt(retention, field);
    if (retention && !retentionPolicies.includes(value ?? '')) errors.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, value ?? '', retentionPolicies));
  }

  errors.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  errors.push(...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...validateNonNegative(recordAt(spec, 'ordinals')?.start, 'spec.ordinals.start'));

  const selector = spec.selector;
  if (!isRecord(selector)) errors.push(required('spec.selector'));
  else {
    errors.push(...validateLabelSelector(selector, 'spec.selector'));
    if (isEmptySelector(selector)) errors.push(invalid('spec.selector', selector, 'empty selector is invalid for statefulset'));
  }

  const template = recordAt(spec, 'template');
  const templateLabels = stringMapAt(recordAt(template, 'metadata'), 'labels');
  if (isRecord(selector) && !isEmptySelector(selector) && !selectorMatches(selector, templateLabels)) {
    errors.push(invalid('spec.template.metadata.labels', goStringMap(templateLabels), '`selector` does not match template `labels`'));
  }
  errors.push(...validateLabels(recordAt(template, 'metadata')?.labels, 'spec.template.labels'));
  errors.push(...validateAnnotations(recordAt(template, 'metadata')?.annotations, 'spec.template.annotations'));

  // Upstream leaves the rest of the pod template to pod creation (see its TODO), except these two.
  const podSpec = recordAt(template, 'spec');
  const restartPolicy = stringAt(podSpec, 'restartPolicy') ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (podSpec?.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errors.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errors;
}

/** Fields a StatefulSet update may change; anything else in spec is the real "forbidden" error. */
const mutableSpecFields = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = clone(recordAt(object, 'spec') ?? {});
  const oldSpec = clone(recordAt(old, 'spec') ?? {});
  for (const field of mutableSpecFields) {
    delete spec[field];
    delete oldSpec[field];
  }
  if (jsonEqual(spec, oldSpec)) return [];
  return [forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

export const statefulSetStrategy = defineStrategy({
  resource: resources.statefulSets,
  kind: 'StatefulSet',
  singular: 'statefulset',
  namespaced: true,
  nameRule: nameIsDnsLabel,
  shortNames: ['sts'],
  categories: ['all'],
  subresources: ['status', 'scale'],
  applyDefaults,
  validateFields: validateSpec,
  validateUpdate,
  specChanged: (object, old) => !jsonEqual(object.spec, old.spec),
});
