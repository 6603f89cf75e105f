import type { KubeObject } from '../../../store/types';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { ensureRecord, setDefault } from './json';
import { nameIsDnsLabel } from './objectMeta';

/** core/v1 Namespace: the finalizer, phase and the immutable name label every real namespace carries. */
function applyDefaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  setDefault(spec, 'finalizers', ['kubernetes']);
  setDefault(ensureRecord(object, 'status'), 'phase', 'Active');
  if (object.metadata.name) object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name };
}

export const namespaceStrategy = defineStrategy({
  resource: resources.namespaces,
  kind: 'Namespace',
  singular: 'namespace',
  namespaced: false,
  nameRule: nameIsDnsLabel,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status', 'finalize'],
  applyDefaults,
});
