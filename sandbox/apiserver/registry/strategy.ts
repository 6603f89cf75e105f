import type { KubeObject, ResourceRef } from '../../store/types';

/**
 * Per-kind API semantics, like kube-apiserver's registry strategies (pkg/registry/<group>/<kind>/strategy.go).
 * The generic registry (create/update/patch/delete/watch) calls these; it knows no kind by itself.
 */

/** One cause of a 422 Invalid, as `details.causes[]` carries it on the wire. */
export interface FieldError {
  /** Status cause reason: FieldValueInvalid, FieldValueRequired, FieldValueForbidden, FieldValueNotSupported, FieldValueDuplicate, FieldValueTooLong */
  reason: string;
  /** Path as the real server prints it: "spec.replicas", "spec.template.metadata.labels". */
  field: string;
  /** The real wording, e.g. "must be greater than or equal to 0" (the value is prefixed by the registry as Kubernetes does: `Invalid value: -1: must be ...`). */
  message: string;
  /** The offending value, printed in the message the way field.Error does. */
  value?: unknown;
}

export interface ResourceStrategy {
  resource: ResourceRef;
  kind: string;
  /** Singular name for discovery ("statefulset"). */
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Subresources served (status, scale, exec, log, proxy, ...). */
  subresources: string[];
  /** Fill defaults on create (and on update where the real server does). Mutates. */
  applyDefaults(object: KubeObject): void;
  /** Validation for create (old undefined) or update. Empty array = valid. */
  validate(object: KubeObject, old?: KubeObject): FieldError[];
  /** Whether an update counts as a spec change for metadata.generation (default: anything but metadata and status changed). */
  specChanged?(object: KubeObject, old: KubeObject): boolean;
}
