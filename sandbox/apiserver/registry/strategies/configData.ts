import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden, invalid, required, tooLong } from './fieldErrors';
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

/**
 * `stringData` is write-only: kube-apiserver merges it into `data` (base64, stringData winning on a
 * shared key) when it decodes the request, so it is never stored or returned.
 */
function mergeStringData(object: KubeObject): void {
  const stringData = object.stringData;
  if (stringData === undefined) return;
  delete object.stringData;
  if (!isRecord(stringData)) return;
  const data: Record<string, unknown> = isRecord(object.data) ? { ...object.data } : {};
  for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
  object.data = data;
}

/** The keys each built-in Secret type must carry, as ValidateSecret checks them. */
function validateSecretType(object: KubeObject): FieldError[] {
  const data = isRecord(object.data) ? object.data : {};
  const has = (key: string) => key in data;
  const errors: FieldError[] = [];
  switch (stringAt(object, 'type')) {
    case 'kubernetes.io/service-account-token': {
      const annotations = isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
      if (!annotations['kubernetes.io/service-account.name']) errors.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    }
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errors.push(required('data[tls.crt]'));
      if (!has('tls.key')) errors.push(required('data[tls.key]'));
      break;
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of them must be there.
      if (!has('username') && !has('password')) errors.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errors.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errors.push(required('data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errors.push(required('data[.dockercfg]'));
      break;
  }
  return errors;
}

export const secretStrategy = defineStrategy({
  resource: resources.secrets,
  kind: 'Secret',
  singular: 'secret',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  applyDefaults: (object) => {
    mergeStringData(object);
    if (!object.type) object.type = 'Opaque';
  },
  validateFields: (object) => [...validateKeys(object, ['data'], base64Size), ...validateSecretType(object)],
  validateUpdate: (object, old) => {
    const errors = validateImmutable(object, old, ['data']);
    const type = stringAt(object, 'type');
    if (type !== stringAt(old, 'type')) errors.push(invalid('type', type ?? '', 'field is immutable'));
    return errors;
  },
});
