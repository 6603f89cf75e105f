import type { KubeObject, ResourceRef } from '../../../store/types';
import type { FieldError, ResourceStrategy } from '../strategy';
import { jsonEqual } from './json';
import { validateObjectMeta, validateObjectMetaUpdate, type NameRule } from './objectMeta';

export const readWriteVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface StrategyDefinition {
  resource: ResourceRef;
  kind: string;
  singular: string;
  namespaced: boolean;
  nameRule: NameRule;
  /** False for virtual kinds with no stored identity (access reviews). */
  validatesMetadata?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: string[];
  applyDefaults?(object: KubeObject): void;
  /** Kind-specific checks on create and update, beyond object metadata. */
  validateFields?(object: KubeObject): FieldError[];
  /** Kind-specific checks that compare with the stored object (immutable fields). */
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
  specChanged?(object: KubeObject, old: KubeObject): boolean;
}

/** Every top-level field but the ones the registry manages itself counts as "spec" for generation. */
export function defaultSpecChanged(object: KubeObject, old: KubeObject): boolean {
  const ignored = new Set(['apiVersion', 'kind', 'metadata', 'status']);
  const keys = new Set([...Object.keys(object), ...Object.keys(old)].filter((key) => !ignored.has(key)));
  for (const key of keys) if (!jsonEqual(object[key], old[key])) return true;
  return false;
}

/** Builds a ResourceStrategy from a kind's definition: object-meta checks first, as upstream does. */
export function defineStrategy(definition: StrategyDefinition): ResourceStrategy {
  return {
    resource: definition.resource,
    kind: definition.kind,
    singular: definition.singular,
    namespaced: definition.namespaced,
    shortNames: definition.shortNames ?? [],
    categories: definition.categories ?? [],
    verbs: definition.verbs ?? readWriteVerbs,
    subresources: definition.subresources ?? [],
    applyDefaults(object) {
      definition.applyDefaults?.(object);
    },
    validate(object, old) {
      const errors: FieldError[] = [];
      if (definition.validatesMetadata !== false) {
        errors.push(...(old ? validateObjectMetaUpdate(object, old) : validateObjectMeta(object, definition.namespaced, definition.nameRule)));
      }
      errors.push(...(definition.validateFields?.(object) ?? []));
      if (old) errors.push(...(definition.validateUpdate?.(object, old) ?? []));
      return errors;
    },
    specChanged: definition.specChanged ?? defaultSpecChanged,
  };
}
