import type { KubeObject } from '../../store/types';
import { matchesFields, parseFieldSelector, type FieldRequirement } from '../selectors/fieldSelector';
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../selectors/labelSelector';

/** Which objects a list or watch returns: a namespace (or all), a label selector and a field selector. */
export interface ListFilter {
  namespace?: string;
  labels: LabelSelector;
  fields: FieldRequirement[];
}

export function makeFilter(resourceKey: string, resourceName: string, namespace: string | undefined, labelSelector?: string | null, fieldSelector?: string | null): ListFilter {
  return { namespace, labels: parseLabelSelector(labelSelector), fields: parseFieldSelector(fieldSelector, resourceKey, resourceName) };
}

export function matchesFilter(filter: ListFilter, object: KubeObject): boolean {
  if (filter.namespace && object.metadata.namespace !== filter.namespace) return false;
  if (filter.labels.length && !matchesLabels(filter.labels, object.metadata.labels)) return false;
  if (filter.fields.length && !matchesFields(filter.fields, object)) return false;
  return true;
}
