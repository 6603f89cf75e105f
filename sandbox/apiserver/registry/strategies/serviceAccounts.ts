import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { nameIsDnsSubdomain } from './objectMeta';

/** core/v1 ServiceAccount, with the `token` subresource (TokenRequest API, http/tokenRequestHandler.ts). */
export const serviceAccountStrategy = defineStrategy({
  resource: resources.serviceAccounts,
  kind: 'ServiceAccount',
  singular: 'serviceaccount',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['sa'],
  subresources: ['token'],
});
