import type { FieldError } from '../strategy';
import type { KubeObject } from '../../../store/types';
import { forbidden, invalid, required, tooLong } from './fieldErrors';
import { isDns1123Label, isDns1123Subdomain, isDns1035Label, isQualifiedName, isValidLabelValue, pathSegmentProblems } from './names';

/** How a kind's names are checked: the nameFn passed to ValidateObjectMeta upstream. */
export type NameRule = (name: string) => string[];

/** With prefix=true (generateName) upstream masks one trailing dash before checking. */
function asPrefix(rule: NameRule): NameRule {
  return (name) => rule(name.endsWith('-') ? `${name.slice(0, -1)}a` : name);
}

export const nameIsDnsSubdomain: NameRule = isDns1123Subdomain;
export const nameIsDnsLabel: NameRule = isDns1123Label;
export const nameIsDns1035Label: NameRule = isDns1035Label;
export const nameIsPathSegment: NameRule = pathSegmentProblems;

const totalAnnotationSizeLimit = 256 * 1024;

export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [invalid(field, labels, 'must be a map of strings')];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    for (const message of isQualifiedName(key)) errors.push(invalid(field, key, message));
    for (const message of isValidLabelValue(String(value))) errors.push(invalid(field, String(value), message));
  }
  return errors;
}

export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (typeof annotations !== 'object' || Array.isArray(annotations)) return [invalid(field, annotations, 'must be a map of strings')];
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations as Record<string, unknown>)) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(invalid(field, key, message));
    size += key.length + String(value).length;
  }
  if (size > totalAnnotationSizeLimit) errors.push(tooLong(field, totalAnnotationSizeLimit));
  return errors;
}

/** ValidateObjectMeta: name (or generateName), namespace presence, labels, annotations. */
export function validateObjectMeta(object: KubeObject, namespaced: boolean, nameRule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  const meta = object.metadata ?? {};
  if (meta.generateName) {
    for (const message of asPrefix(nameRule)(meta.generateName)) errors.push(invalid('metadata.generateName', meta.generateName, message));
  }
  if (!meta.name) {
    if (!meta.generateName) errors.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const message of nameRule(meta.name)) errors.push(invalid('metadata.name', meta.name, message));
  }
  if (namespaced) {
    if (!meta.namespace) errors.push(required('metadata.namespace'));
    else for (const message of isDns1123Label(meta.namespace)) errors.push(invalid('metadata.namespace', meta.namespace, message));
  } else if (meta.namespace) {
    errors.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  errors.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return errors;
}

/** ValidateObjectMetaUpdate: identity fields cannot change; labels and annotations stay valid. */
export function validateObjectMetaUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const meta = object.metadata ?? {};
  const oldMeta = old.metadata ?? {};
  if (meta.name !== undefined && meta.name !== oldMeta.name) errors.push(invalid('metadata.name', meta.name, 'field is immutable'));
  if (meta.namespace !== undefined && meta.namespace !== oldMeta.namespace) errors.push(invalid('metadata.namespace', meta.namespace, 'field is immutable'));
  if (meta.uid !== undefined && oldMeta.uid !== undefined && meta.uid !== oldMeta.uid) errors.push(invalid('metadata.uid', meta.uid, 'field is immutable'));
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  errors.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return errors;
}

/** ValidateNonnegativeField. */
export function validateNonNegative(value: unknown, field: string): FieldError[] {
  if (typeof value === 'number' && value < 0) return [invalid(field, value, 'must be greater than or equal to 0')];
  return [];
}
