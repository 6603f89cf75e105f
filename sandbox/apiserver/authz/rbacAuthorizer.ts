import type { UserInfo } from '../authn/tokenAuthenticator';
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject } from '../../store/types';

/**
 * RBAC as kube-apiserver's authorizer evaluates it, from the Role, ClusterRole, RoleBinding and
 * ClusterRoleBinding objects in the store: a request is allowed when any binding whose subjects
 * include the user (by name, group, or service account) points at a role with a rule that covers
 * the verb, API group, resource (with subresource: "pods/exec"), and name. Nothing is cached, so an
 * RBAC change applies to the very next request.
 */
export interface Attributes {
  user: UserInfo;
  verb: string;
  isResource: boolean;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  path: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  subjects?: Subject[];
  roleRef?: { kind: string; name: string };
}

const rbac = 'rbac.authorization.k8s.io';

function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.name === `system:serviceaccount:${subject.namespace ?? bindingNamespace ?? ''}:${subject.name}`;
    default:
      return false;
  }
}

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const candidate of rule.resources ?? []) {
    if (candidate === '*' || candidate === combined) return true;
    if (subresource && candidate === `*/${subresource}`) return true;
  }
  return false;
}

function pathMatches(rule: PolicyRule, path: string): boolean {
  for (const candidate of rule.nonResourceURLs ?? []) {
    if (candidate === '*' || candidate === path) return true;
    if (candidate.endsWith('*') && path.startsWith(candidate.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(rule: PolicyRule, attributes: Omit<Attributes, 'user'>): boolean {
  if (!has(rule.verbs, attributes.verb)) return false;
  if (!attributes.isResource) return pathMatches(rule, attributes.path);
  if (!has(rule.apiGroups, attributes.apiGroup)) return false;
  if (!resourceMatches(rule, attributes.resource, attributes.subresource)) return false;
  if (rule.resourceNames?.length && !rule.resourceNames.includes(attributes.name)) return false;
  return true;
}

export class RbacAuthorizer {
  constructor(private readonly store: ObjectStore) {}

  private rulesOf(roleRef: Binding['roleRef'], namespace: string | undefined): PolicyRule[] {
    if (!roleRef) return [];
    const role =
      roleRef.kind === 'ClusterRole' ? this.store.get(`${rbac}/clusterroles`, undefined, roleRef.name) : namespace ? this.store.get(`${rbac}/roles`, namespace, roleRef.name) : undefined;
    return ((role?.object.rules as PolicyRule[] | undefined) ?? []).filter((rule) => rule && typeof rule === 'object');
  }

  /** Every rule that applies to `user` in `namespace` ('' = only cluster-wide ones). */
  rulesFor(user: UserInfo, namespace: string): PolicyRule[] {
    const rules: PolicyRule[] = [];
    for (const item of this.store.list(`${rbac}/clusterrolebindings`)) {
      const binding = item.object as Binding;
      if ((binding.subjects ?? []).some((subject) => subjectMatches(subject, user, undefined))) rules.push(...this.rulesOf(binding.roleRef, undefined));
    }
    if (namespace)
      for (const item of this.store.list(`${rbac}/rolebindings`, namespace)) {
        const binding = item.object as Binding;
        if ((binding.subjects ?? []).some((subject) => subjectMatches(subject, user, namespace))) rules.push(...this.rulesOf(binding.roleRef, namespace));
      }
    return rules;
  }

  authorize(attributes: Attributes): boolean {
    if (attributes.user.groups.includes('system:masters')) return true;
    return this.rulesFor(attributes.user, attributes.namespace).some((rule) => ruleAllows(rule, attributes));
  }
}

/** The real 403 wording of kube-apiserver's forbidden handler. */
export function forbiddenMessage(attributes: Attributes): string {
  const who = `User "${attributes.user.name}"`;
  if (!attributes.isResource) return `forbidden: ${who} cannot ${attributes.verb} path "${attributes.path}"`;
  const qualified = attributes.apiGroup ? `${attributes.resource}.${attributes.apiGroup}` : attributes.resource;
  const subject = attributes.name ? `${qualified} "${attributes.name}"` : qualified;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: ${who} cannot ${attributes.verb} resource "${resource}" in API group "${attributes.apiGroup}" ${scope}`;
}
