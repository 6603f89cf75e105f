import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { nameIsDnsSubdomain } from './objectMeta';

/** core/v1 Node: the sandbox has one, registered by its kubelet. */
export const nodeStrategy = defineStrategy({
  resource: resources.nodes,
  kind: 'Node',
  singular: 'node',
  namespaced: false,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['no'],
  subresources: ['status', 'proxy'],
});
