import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { list, obj, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter } from './table';

/** RoleBindings and ClusterRoleBindings (printRoleBinding); Roles have no printer upstream. */

/** rbac.SubjectsStrings: users, groups and "namespace/name" service accounts. */
function subjectStrings(binding: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of list(binding.subjects)) {
    if (subject.kind === 'User') users.push(str(subject.name));
    else if (subject.kind === 'Group') groups.push(str(subject.name));
    else if (subject.kind === 'ServiceAccount') serviceAccounts.push(`${str(subject.namespace)}/${str(subject.name)}`);
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(scope: string): KindPrinter {
  return {
    columns: [
      nameColumn,
      column('Role', 'RoleRef can only reference a ClusterRole in the global namespace.'),
      ageColumn,
      column('Users', `Users in the ${scope}`, { priority: 1 }),
      column('Groups', `Groups in the ${scope}`, { priority: 1 }),
      column('ServiceAccounts', `ServiceAccounts in the ${scope}`, { priority: 1 }),
    ],
    cells(binding, context) {
      const roleRef = obj(binding.roleRef);
      const cells = [str(binding.metadata.name), `${str(roleRef.kind)}/${str(roleRef.name)}`, timestampSince(binding.metadata.creationTimestamp, context.now)];
      return context.wide ? [...cells, ...subjectStrings(binding)] : cells;
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');
