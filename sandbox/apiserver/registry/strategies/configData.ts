import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden, invalid, tooLong } from './fieldErrors';
import { isRecord, jsonEqual, stringAt } from './json';
import { isConfigMapKey } from './names';
import { nameIsDnsSubdomain } from './objectMeta';

/** ConfigMaps and Secrets: key names, total size, the `immutable` flag and the Secret type. */

const maxTotalBytes = 1024 * 1024;

function validateKeys(object: KubeObject, fields: string[], dataSize: (value: unknown) => number): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const field of fields) {
    const data = object[field];
    if (!isRecord(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      for (const message of isConfigMapKey(key)) errors.push(invalid(`${field}[${key}]`, key, message));
      if (seen.has(key)) errors.push(invalid(`${field}[${key}]`, key, `duplicate of key present in ${fields.find((other) => other !== field) ?? field}`));
      seen.add(key);
      total += dataSize(value);
    }
  }
  if (total > maxTotalBytes) errors.push(tooLong(fields[0], maxTotalBytes));
  return errors;
}

function validateImmutable(object: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (old.immutable === true) {
    if (object.immutable !== true) errors.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    for (const field of fields) if (!jsonEqual(object[field], old[field])) errors.push(forbidden(field, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

const textSize = (value: unknown): number => String(value ?? '').length;
const base64Size = (value: unknown): number => Math.floor((String(value ?? '').length * 3) / 4);

export const configMapStrategy = defineStrategy({
  resource: resources.configMaps,
  kind: 'ConfigMap',
  singular: 'configmap',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['cm'],
  validateFields: (object) => validateKeys(object, ['data', 'binaryData'], textSize),
  validateUpdate: (object, old) => validateImmutable(object, old, ['data', 'binaryData']),
});

export const secretStrategy = defineStrategy({
  resource: resources.secrets,
  kind: 'Secret',
  singular: 'secret',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  applyDefaults: (object) => {
    if (!object.type) object.type = 'Opaque';
  },
  validateFields: (object) => validateKeys(object, ['data'], base64Size),
  validateUpdate: (object, old) => {
    const errors = validateImmutable(object, old, ['data']);
    const type = stringAt(object, 'type');
    if (type !== stringAt(old, 'type')) errors.push(invalid('type', type ?? '', 'field is immutable'));
    return errors;
  },
});
