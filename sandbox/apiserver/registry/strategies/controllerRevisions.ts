import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { invalid, required } from './fieldErrors';
import { jsonEqual } from './json';
import { nameIsDnsSubdomain, validateNonNegative } from './objectMeta';

/** apps/v1 ControllerRevision: the StatefulSet controller's template history; data is immutable. */
export const controllerRevisionStrategy = defineStrategy({
  resource: resources.controllerRevisions,
  kind: 'ControllerRevision',
  singular: 'controllerrevision',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  validateFields: (object) => [...(object.data === undefined || object.data === null ? [required('data', 'data is mandatory')] : []), ...validateNonNegative(object.revision, 'revision')],
  validateUpdate: (object, old) => (jsonEqual(object.data, old.data) ? [] : [invalid('data', '', 'field is immutable')]),
});
