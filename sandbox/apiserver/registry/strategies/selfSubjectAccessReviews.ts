import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { defineStrategy } from './defineStrategy';
import { invalid } from './fieldErrors';
import { recordAt } from './json';

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview: create only, never stored; the API machinery
 * answers `status` from the RBAC authorizer.
 */
export const selfSubjectAccessReviewResource = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' } as const;

function validateFields(object: KubeObject): FieldError[] {
  const spec = recordAt(object, 'spec');
  const hasResource = recordAt(spec, 'resourceAttributes') !== undefined;
  const hasNonResource = recordAt(spec, 'nonResourceAttributes') !== undefined;
  if (hasResource === hasNonResource) {
    return [invalid('spec.resourceAttributes', hasResource ? 'set' : 'null', 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  }
  return [];
}

export const selfSubjectAccessReviewStrategy = defineStrategy({
  resource: selfSubjectAccessReviewResource,
  kind: 'SelfSubjectAccessReview',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  nameRule: () => [],
  // A review has no name and is never stored.
  validatesMetadata: false,
  verbs: ['create'],
  validateFields,
});
