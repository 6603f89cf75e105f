import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { invalid, required } from './fieldErrors';
import { recordAt, stringAt } from './json';
import { nameIsDnsSubdomain } from './objectMeta';

/** core/v1 Event. The involved object's namespace must match the event's (ValidateEventCreate). */
function validateFields(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const involved = recordAt(object, 'involvedObject');
  if (!involved) return [required('involvedObject')];
  const involvedNamespace = stringAt(involved, 'namespace');
  if (involvedNamespace && object.metadata.namespace && involvedNamespace !== object.metadata.namespace) {
    errors.push(invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
  }
  return errors;
}

export const eventStrategy = defineStrategy({
  resource: resources.events,
  kind: 'Event',
  singular: 'event',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['ev'],
  validateFields,
  specChanged: () => false,
});
