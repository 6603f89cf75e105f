import type { ResourceRef } from '../../../store/types';
import type { ResourceStrategy } from '../strategy';
import { configMapStrategy, secretStrategy } from './configData';
import { controllerRevisionStrategy } from './controllerRevisions';
import { endpointSliceStrategy, endpointsStrategy } from './endpoints';
import { eventStrategy } from './events';
import { namespaceStrategy } from './namespaces';
import { nodeStrategy } from './nodes';
import { persistentVolumeClaimStrategy } from './persistentVolumeClaims';
import { persistentVolumeStrategy } from './persistentVolumes';
import { podStrategy } from './pods';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategyDefinition } from './rbac';
import { selfSubjectAccessReviewStrategy } from './selfSubjectAccessReviews';
import { serviceAccountStrategy } from './serviceAccounts';
import { serviceStrategy } from './services';
import { statefulSetStrategy } from './statefulSets';
import { storageClassStrategy } from './storageClasses';

/** Every kind the sandbox API server serves, in the order discovery lists them. */
export const strategies: ResourceStrategy[] = [
  // core/v1, in the order kube-apiserver lists them
  configMapStrategy,
  endpointsStrategy,
  eventStrategy,
  namespaceStrategy,
  nodeStrategy,
  persistentVolumeClaimStrategy,
  persistentVolumeStrategy,
  podStrategy,
  secretStrategy,
  serviceAccountStrategy,
  serviceStrategy,
  // apps/v1
  controllerRevisionStrategy,
  statefulSetStrategy,
  // authorization.k8s.io/v1
  selfSubjectAccessReviewStrategy,
  // discovery.k8s.io/v1
  endpointSliceStrategy,
  // rbac.authorization.k8s.io/v1
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategyDefinition,
  // storage.k8s.io/v1
  storageClassStrategy,
];

function apiVersionOf(resource: ResourceRef): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

const byResource = new Map(strategies.map((strategy) => [`${strategy.resource.group}/${strategy.resource.version}/${strategy.resource.resource}`, strategy]));
const byKind = new Map(strategies.map((strategy) => [`${apiVersionOf(strategy.resource)}/${strategy.kind}`, strategy]));

/** The strategy for a resource ("pods", or "statefulsets"), or undefined when the sandbox does not serve it. */
export function strategyFor(ref: ResourceRef): ResourceStrategy | undefined {
  return byResource.get(`${ref.group}/${ref.version}/${ref.resource}`);
}

/** The strategy for an object's `apiVersion` and `kind` ("apps/v1", "StatefulSet"). */
export function strategyForKind(apiVersion: string, kind: string): ResourceStrategy | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

/** "apps/v1" for a resource, "v1" for the core group. */
export { apiVersionOf };

export { defaultStorageClassAdmission, defaultStorageClassAnnotation } from './persistentVolumeClaims';
export { preserveAllocatedServiceFields, nodePortRange } from './services';
export { fieldErrorBody, fieldErrorText, formatFieldValue, GoSyntax } from './fieldErrors';
export { podQosClass } from './pods';
