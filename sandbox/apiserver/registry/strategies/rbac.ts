import type { KubeObject, ResourceRef } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { GoSyntax, invalid, notSupported, required } from './fieldErrors';
import { jsonEqual, recordAt, recordsAt, stringAt } from './json';
import { nameIsPathSegment } from './objectMeta';

/** rbac.authorization.k8s.io/v1: pkg/apis/rbac/v1/defaults.go and pkg/apis/rbac/validation. */

const rbacGroup = 'rbac.authorization.k8s.io';

function validateRules(object: KubeObject, isNamespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  recordsAt(object, 'rules').forEach((rule, index) => {
    const path = `rules[${index}]`;
    const verbs = Array.isArray(rule.verbs) ? rule.verbs : [];
    if (verbs.length === 0) errors.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
    const nonResourceURLs = Array.isArray(rule.nonResourceURLs) ? rule.nonResourceURLs : [];
    const ruleResources = Array.isArray(rule.resources) ? rule.resources : [];
    const apiGroups = Array.isArray(rule.apiGroups) ? rule.apiGroups : [];
    if (nonResourceURLs.length > 0) {
      if (isNamespaced) errors.push(invalid(`${path}.nonResourceURLs`, new GoSyntax(`[]string{${nonResourceURLs.map((url) => JSON.stringify(url)).join(', ')}}`), 'namespaced rules cannot apply to non-resource URLs'));
      if (apiGroups.length > 0 || ruleResources.length > 0) errors.push(invalid(`${path}.nonResourceURLs`, new GoSyntax(`[]string{${nonResourceURLs.map((url) => JSON.stringify(url)).join(', ')}}`), 'rules cannot apply to both regular resources and non-resource URLs'));
      return;
    }
    if (apiGroups.length === 0) errors.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
    if (ruleResources.length === 0) errors.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  });
  return errors;
}

/** SetDefaults_(Cluster)RoleBinding and SetDefaults_Subject. */
function defaultBinding(object: KubeObject): void {
  const roleRef = recordAt(object, 'roleRef');
  if (roleRef && !roleRef.apiGroup) roleRef.apiGroup = rbacGroup;
  for (const subject of recordsAt(object, 'subjects')) {
    if (subject.apiGroup !== undefined && subject.apiGroup !== null) continue;
    subject.apiGroup = subject.kind === 'ServiceAccount' ? '' : rbacGroup;
  }
}

function validateBinding(object: KubeObject, allowedRoleKinds: string[], isNamespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const roleRef = recordAt(object, 'roleRef');
  const apiGroup = stringAt(roleRef, 'apiGroup') ?? '';
  if (apiGroup !== rbacGroup) errors.push(notSupported('roleRef.apiGroup', apiGroup, [rbacGroup]));
  const kind = stringAt(roleRef, 'kind') ?? '';
  if (!allowedRoleKinds.includes(kind)) errors.push(notSupported('roleRef.kind', kind, allowedRoleKinds));
  if (!stringAt(roleRef, 'name')) errors.push(required('roleRef.name'));
  recordsAt(object, 'subjects').forEach((subject, index) => {
    const path = `subjects[${index}]`;
    const subjectKind = stringAt(subject, 'kind') ?? '';
    if (!stringAt(subject, 'name')) errors.push(required(`${path}.name`));
    switch (subjectKind) {
      case 'ServiceAccount':
        if (subject.apiGroup) errors.push(notSupported(`${path}.apiGroup`, subject.apiGroup, ['']));
        if (!isNamespaced && !stringAt(subject, 'namespace')) errors.push(required(`${path}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (subject.apiGroup !== rbacGroup) errors.push(notSupported(`${path}.apiGroup`, subject.apiGroup ?? '', [rbacGroup]));
        break;
      default:
        errors.push(notSupported(`${path}.kind`, subjectKind, ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errors;
}

function roleRefImmutable(object: KubeObject, old: KubeObject): FieldError[] {
  if (jsonEqual(object.roleRef, old.roleRef)) return [];
  const roleRef = recordAt(object, 'roleRef') ?? {};
  const printed = new GoSyntax(`rbac.RoleRef{APIGroup:${JSON.stringify(roleRef.apiGroup ?? '')}, Kind:${JSON.stringify(roleRef.kind ?? '')}, Name:${JSON.stringify(roleRef.name ?? '')}}`);
  return [invalid('roleRef', printed, 'cannot change roleRef')];
}

function roleStrategy(resource: ResourceRef, kind: string, namespaced: boolean) {
  return defineStrategy({
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced,
    nameRule: nameIsPathSegment,
    validateFields: (object) => validateRules(object, namespaced),
  });
}

function bindingStrategy(resource: ResourceRef, kind: string, namespaced: boolean) {
  const allowedRoleKinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  return defineStrategy({
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced,
    nameRule: nameIsPathSegment,
    applyDefaults: defaultBinding,
    validateFields: (object) => validateBinding(object, allowedRoleKinds, namespaced),
    validateUpdate: roleRefImmutable,
  });
}

export const roleStrategyDefinition = roleStrategy(resources.roles, 'Role', true);
export const clusterRoleStrategy = roleStrategy(resources.clusterRoles, 'ClusterRole', false);
export const roleBindingStrategy = bindingStrategy(resources.roleBindings, 'RoleBinding', true);
export const clusterRoleBindingStrategy = bindingStrategy(resources.clusterRoleBindings, 'ClusterRoleBinding', false);
