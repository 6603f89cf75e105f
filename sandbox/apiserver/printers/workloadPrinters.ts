import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { containerCells, list, num, obj, spec, status, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter } from './table';

/** StatefulSets and ControllerRevisions (printStatefulSet, printControllerRevision). */

export const statefulSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'Number of the pod with ready state'),
    ageColumn,
    column('Containers', 'Names of each container in the template.', { priority: 1 }),
    column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
  ],
  cells(object, context) {
    const desired = num(spec(object).replicas);
    const ready = num(status(object).readyReplicas);
    const cells = [str(object.metadata.name), `${ready}/${desired}`, timestampSince(object.metadata.creationTimestamp, context.now)];
    if (!context.wide) return cells;
    return [...cells, ...containerCells(obj(obj(spec(object).template).spec))];
  },
};

/** "statefulset.apps/web" as formatResourceName writes a controller reference. */
function controllerName(object: KubeObject): string {
  const owner = list(object.metadata.ownerReferences).find((reference) => reference.controller === true);
  if (!owner) return '<none>';
  const apiVersion = str(owner.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = str(owner.kind);
  const groupKind = group ? `${kind}.${group}` : kind;
  return groupKind ? `${groupKind.toLowerCase()}/${str(owner.name)}` : str(owner.name);
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [nameColumn, column('Controller', 'Controller of the object'), column('Revision', 'Revision indicates the revision of the state represented by Data.'), ageColumn],
  cells(object, context) {
    return [str(object.metadata.name), controllerName(object), num(object.revision), timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};
