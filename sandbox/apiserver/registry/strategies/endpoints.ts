import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { invalid, notSupported, required } from './fieldErrors';
import { recordsAt, setDefault, stringAt } from './json';
import { isValidPortNumber } from './names';
import { nameIsDnsSubdomain } from './objectMeta';

/** core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlices, written by the endpoints controller. */

function defaultEndpoints(object: KubeObject): void {
  for (const subset of recordsAt(object, 'subsets')) for (const port of recordsAt(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
}

function validateEndpoints(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  recordsAt(object, 'subsets').forEach((subset, subsetIndex) => {
    for (const list of ['addresses', 'notReadyAddresses']) {
      recordsAt(subset, list).forEach((address, index) => {
        if (!stringAt(address, 'ip')) errors.push(required(`subsets[${subsetIndex}].${list}[${index}].ip`));
      });
    }
    recordsAt(subset, 'ports').forEach((port, index) => {
      for (const message of isValidPortNumber(Number(port.port ?? 0))) errors.push(invalid(`subsets[${subsetIndex}].ports[${index}].port`, port.port ?? 0, message));
    });
  });
  return errors;
}

export const endpointsStrategy = defineStrategy({
  resource: resources.endpoints,
  kind: 'Endpoints',
  singular: 'endpoints',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['ep'],
  applyDefaults: defaultEndpoints,
  validateFields: validateEndpoints,
});

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];

function defaultSlice(object: KubeObject): void {
  for (const port of recordsAt(object, 'ports')) {
    setDefault(port, 'protocol', 'TCP');
    setDefault(port, 'name', '');
  }
}

function validateSlice(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const addressType = stringAt(object, 'addressType');
  if (!addressType) errors.push(required('addressType'));
  else if (!addressTypes.includes(addressType)) errors.push(notSupported('addressType', addressType, addressTypes));
  recordsAt(object, 'endpoints').forEach((endpoint, index) => {
    const addresses = Array.isArray(endpoint.addresses) ? endpoint.addresses : [];
    if (addresses.length === 0) errors.push(required(`endpoints[${index}].addresses`, 'must contain at least 1 address'));
  });
  return errors;
}

export const endpointSliceStrategy = defineStrategy({
  resource: resources.endpointSlices,
  kind: 'EndpointSlice',
  singular: 'endpointslice',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  applyDefaults: defaultSlice,
  validateFields: validateSlice,
  validateUpdate: (object, old) => (object.addressType !== old.addressType ? [invalid('addressType', object.addressType ?? '', 'field is immutable')] : []),
});
