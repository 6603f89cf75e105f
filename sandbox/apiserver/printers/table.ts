import type { KubeObject } from '../../store/types';

/** meta.k8s.io/v1 Table as the API server returns it for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export type TableCell = string | number | boolean;

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: KubeObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What a kind's printer receives: the object, the server's clock and whether wide cells are wanted. */
export interface PrintContext {
  now: number;
  wide: boolean;
}

/** One kind's columns and how to fill a row (pkg/printers/internalversion/printers.go). */
export interface KindPrinter {
  columns: TableColumnDefinition[];
  cells(object: KubeObject, context: PrintContext): TableCell[];
  conditions?(object: KubeObject): TableRowCondition[] | undefined;
}

export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const ageDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function column(name: string, description: string, options: { type?: TableColumnDefinition['type']; format?: string; priority?: number } = {}): TableColumnDefinition {
  return { name, type: options.type ?? 'string', format: options.format ?? '', description, priority: options.priority ?? 0 };
}

export const nameColumn = column('Name', nameDescription, { format: 'name' });
export const ageColumn = column('Age', ageDescription);
