import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { nameIsDnsSubdomain } from './objectMeta';

/** core/v1 ServiceAccount (`token` subresource is not served by the sandbox). */
export const serviceAccountStrategy = defineStrategy({
  resource: resources.serviceAccounts,
  kind: 'ServiceAccount',
  singular: 'serviceaccount',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['sa'],
});
