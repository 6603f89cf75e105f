import { atomic, mergeList, ref, stringMap, type Model } from './modelTypes';

/** k8s.io/apimachinery meta/v1 types every document refers to. */

export const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

export const metaModels: Record<string, Model> = {
  [`${meta}ObjectMeta`]: {
    description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    properties: {
      name: { type: 'string', description: 'Name must be unique within a namespace.' },
      generateName: 'string',
      namespace: { type: 'string', description: 'Namespace defines the space within which each name must be unique.' },
      uid: 'string',
      resourceVersion: 'string',
      generation: 'integer',
      creationTimestamp: 'date-time',
      deletionTimestamp: 'date-time',
      deletionGracePeriodSeconds: 'integer',
      labels: { ...stringMap, description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects.' },
      annotations: { ...stringMap, description: 'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.' },
      ownerReferences: mergeList(ref(`${meta}OwnerReference`), 'uid'),
      finalizers: { array: 'string', strategy: 'merge', listType: 'set' },
      managedFields: atomic(ref(`${meta}ManagedFieldsEntry`)),
    },
  },
  [`${meta}OwnerReference`]: {
    required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'boolean', blockOwnerDeletion: 'boolean' },
  },
  [`${meta}ManagedFieldsEntry`]: {
    properties: { manager: 'string', operation: 'string', apiVersion: 'string', time: 'date-time', fieldsType: 'string', fieldsV1: 'any', subresource: 'string' },
  },
  [`${meta}LabelSelector`]: {
    description: 'A label selector is a label query over a set of resources.',
    properties: { matchLabels: stringMap, matchExpressions: atomic(ref(`${meta}LabelSelectorRequirement`)) },
  },
  [`${meta}LabelSelectorRequirement`]: {
    required: ['key', 'operator'],
    properties: { key: 'string', operator: 'string', values: atomic('string') },
  },
  [`${meta}Condition`]: {
    required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
    properties: { type: 'string', status: 'string', observedGeneration: 'integer', lastTransitionTime: 'date-time', reason: 'string', message: 'string' },
  },
  [`${meta}Status`]: {
    description: 'Status is a return value for calls that don\'t return other objects.',
    properties: { apiVersion: 'string', kind: 'string', metadata: 'any', status: 'string', message: 'string', reason: 'string', details: 'any', code: 'integer' },
  },
  [`${meta}Patch`]: { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', properties: {} },
  [`${meta}DeleteOptions`]: {
    description: 'DeleteOptions may be provided when deleting an API object.',
    properties: { apiVersion: 'string', kind: 'string', gracePeriodSeconds: 'integer', propagationPolicy: 'string', dryRun: atomic('string'), preconditions: 'any', orphanDependents: 'boolean' },
  },
};
