import type { KubeObject, ResourceRef } from '../../store/types';
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './configPrinters';
import { eventPrinter, namespacePrinter, nodePrinter } from './clusterPrinters';
import { defaultPrinter } from './defaultPrinter';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './networkPrinters';
import { podPrinter } from './podPrinter';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbacPrinters';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storagePrinters';
import type { KindPrinter, Table, TableRow } from './table';
import { controllerRevisionPrinter, statefulSetPrinter } from './workloadPrinters';

export type { Table, TableColumnDefinition, TableRow } from './table';
export { humanDuration } from './age';

/** Printers by "group/resource"; anything else gets the default NAME / CREATED AT table. */
const printers: Record<string, KindPrinter> = {
  '/pods': podPrinter,
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  '/persistentvolumeclaims': persistentVolumeClaimPrinter,
  '/persistentvolumes': persistentVolumePrinter,
  '/namespaces': namespacePrinter,
  '/nodes': nodePrinter,
  '/events': eventPrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/controllerrevisions': controllerRevisionPrinter,
  'storage.k8s.io/storageclasses': storageClassPrinter,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingPrinter,
};

export interface PrintOptions {
  /**
   * Whether rows carry the priority-1 cells. kube-apiserver always generates wide rows (kubectl
   * hides priority-1 columns itself unless `-o wide`), so the HTTP layer should pass true.
   */
  wide: boolean;
  /** The `includeObject` query parameter; kubectl sends Object for `get`, Metadata is the server default. */
  includeObject: 'None' | 'Metadata' | 'Object';
  /** The server clock in milliseconds, for AGE; defaults to now. */
  now?: number;
}

function rowObject(object: KubeObject, includeObject: PrintOptions['includeObject']): KubeObject | undefined {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** A meta.k8s.io/v1 Table with kubectl's columns for `resource`. The caller sets metadata.resourceVersion. */
export function printTable(resource: ResourceRef, objects: KubeObject[], options: PrintOptions): Table {
  const printer = printers[`${resource.group}/${resource.resource}`] ?? defaultPrinter;
  const context = { now: options.now ?? Date.now(), wide: options.wide };
  const rows: TableRow[] = objects.map((object) => {
    const row: TableRow = { cells: printer.cells(object, context) };
    const conditions = printer.conditions?.(object);
    if (conditions) row.conditions = conditions;
    const included = rowObject(object, options.includeObject);
    if (included) row.object = included;
    return row;
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: printer.columns, rows };
}
