import { badRequest } from '../apiError';
import type { KubeObject } from '../../store/types';

/**
 * Field selectors (`?fieldSelector=metadata.name=web-0,spec.nodeName=sandbox`): `=`, `==` and `!=`
 * on the fields each resource indexes in kube-apiserver. Other fields are refused with the real
 * "field label not supported" message, so a typo is not silently an empty list.
 */
export interface FieldRequirement {
  field: string;
  equals: boolean;
  value: string;
}

const commonFields = ['metadata.name', 'metadata.namespace'];
const extraFields: Record<string, string[]> = {
  '/pods': ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  '/events': [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'events.k8s.io/events': ['regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'reason', 'type', 'reportingController'],
  '/secrets': ['type'],
  '/namespaces': ['status.phase'],
  '/nodes': ['spec.unschedulable'],
  '/persistentvolumeclaims': ['spec.volumeName'],
};

export function parseFieldSelector(text: string | null | undefined, resourceKey: string, resourceName: string): FieldRequirement[] {
  if (!text) return [];
  const allowed = new Set([...commonFields, ...(extraFields[resourceKey] ?? [])]);
  const requirements: FieldRequirement[] = [];
  for (const term of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = term.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = match[1].trim();
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    requirements.push({ field, equals: match[2] !== '!=', value: match[3].trim() });
  }
  void resourceName;
  return requirements;
}

function fieldValue(object: KubeObject, field: string): string {
  if (field === 'source') {
    const source = object.source as { component?: string } | undefined;
    return source?.component ?? (object.reportingComponent as string | undefined) ?? '';
  }
  let current: unknown = object;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(current);
}

export function matchesFields(requirements: FieldRequirement[], object: KubeObject): boolean {
  for (const requirement of requirements) {
    const equal = fieldValue(object, requirement.field) === requirement.value;
    if (equal !== requirement.equals) return false;
  }
  return true;
}
