import type { ResourceStrategy } from '../registry/strategy';
import { modelNameForKind, type JsonSchema } from './schemaBuilder';

/**
 * Paths and operations of one resource as kube-apiserver publishes them. kubectl reads two things
 * here: the `fieldValidation` query parameter on PATCH (to decide that the server validates fields,
 * so it skips client-side validation) and the PATCH request content types with the operation's
 * x-kubernetes-group-version-kind (to build `kubectl apply` patches from this schema).
 */

const schemaPrefix = '#/components/schemas/';

function queryParameter(name: string, description: string, type: 'string' | 'boolean' = 'string'): JsonSchema {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const dryRun = queryParameter('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed');
const fieldManager = queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const fieldValidation = queryParameter(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
);
const force = queryParameter('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean');
const pretty = queryParameter('pretty', "If 'true', then the output is pretty printed.");

function pathParameter(name: string, description: string): JsonSchema {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

const namespaceParameter = pathParameter('namespace', 'object name and auth scope, such as for teams and projects');

function groupWord(group: string): string {
  if (!group) return 'core';
  const words = group.replace(/\.k8s\.io$/, '').split('.');
  return words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function response(schemaName: string, codes: string[]): JsonSchema {
  const content = { $ref: `${schemaPrefix}${schemaName}` };
  const responses: JsonSchema = {};
  for (const code of codes) {
    responses[code] = { description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK', content: { 'application/json': { schema: content }, 'application/yaml': { schema: content } } };
  }
  responses['401'] = { description: 'Unauthorized' };
  return responses;
}

function body(schemaName: string): JsonSchema {
  return { content: { '*/*': { schema: { $ref: `${schemaPrefix}${schemaName}` } } }, required: true };
}

const patchBody: JsonSchema = {
  content: Object.fromEntries(
    ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'].map((type) => [
      type,
      { schema: { $ref: `${schemaPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.Patch` } },
    ]),
  ),
  required: true,
};

interface Target {
  schemaName: string;
  gvk: { group: string; version: string; kind: string };
  /** "Pod", "PodStatus", "StatefulSetScale": the operationId suffix. */
  idKind: string;
  /** "Pod", "status of the specified Pod": words in descriptions. */
  noun: string;
}

function operation(action: string, verbWord: string, strategy: ResourceStrategy, target: Target, extra: JsonSchema): JsonSchema {
  const { group, version } = strategy.resource;
  const namespaced = strategy.namespaced ? 'Namespaced' : '';
  return {
    tags: [`${groupWord(group)}_${version}`],
    description: `${verbWord} ${target.noun}`,
    operationId: `${action}${capitalize(groupWord(group))}${capitalize(version)}${namespaced}${target.idKind}`,
    ...extra,
    'x-kubernetes-action': action === 'read' ? 'get' : action === 'replace' ? 'put' : action,
    'x-kubernetes-group-version-kind': target.gvk,
  };
}

/** All paths of one resource, keyed by URL template. */
export function resourcePaths(strategy: ResourceStrategy): Record<string, JsonSchema> {
  const { group, version, resource } = strategy.resource;
  const schemaName = modelNameForKind(group, version, strategy.kind);
  if (!schemaName) return {};
  const base = group ? `/apis/${group}/${version}` : '/api/v1';
  const collection = strategy.namespaced ? `${base}/namespaces/{namespace}/${resource}` : `${base}/${resource}`;
  const item = `${collection}/{name}`;
  const gvk = { group, version, kind: strategy.kind };
  const main: Target = { schemaName, gvk, idKind: strategy.kind, noun: `the specified ${strategy.kind}` };
  const scopeParameters = strategy.namespaced ? [namespaceParameter, pretty] : [pretty];
  const itemParameters = [pathParameter('name', `name of the ${strategy.kind}`), ...scopeParameters];
  const verbs = new Set(strategy.verbs);
  const paths: Record<string, JsonSchema> = {};

  const collectionPath: JsonSchema = { parameters: scopeParameters };
  if (verbs.has('list')) collectionPath.get = operation('list', 'list or watch objects of kind', strategy, { ...main, noun: strategy.kind }, { responses: response(schemaName, ['200']) });
  if (verbs.has('create')) {
    collectionPath.post = operation('create', 'create', strategy, { ...main, noun: `a ${strategy.kind}` }, {
      parameters: [dryRun, fieldManager, fieldValidation],
      requestBody: body(schemaName),
      responses: response(schemaName, ['200', '201', '202']),
    });
  }
  if (verbs.has('deletecollection')) {
    collectionPath.delete = operation('deletecollection', 'delete collection of', strategy, { ...main, idKind: `Collection${strategy.kind}`, noun: strategy.kind }, {
      responses: response('io.k8s.apimachinery.pkg.apis.meta.v1.Status', ['200']),
    });
  }
  paths[collection] = collectionPath;

  const itemOperations = (target: Target, allowed: Set<string>): JsonSchema => {
    const path: JsonSchema = { parameters: itemParameters };
    if (allowed.has('get')) path.get = operation('read', 'read', strategy, target, { responses: response(target.schemaName, ['200']) });
    if (allowed.has('update')) {
      path.put = operation('replace', 'replace', strategy, target, {
        parameters: [dryRun, fieldManager, fieldValidation],
        requestBody: body(target.schemaName),
        responses: response(target.schemaName, ['200', '201']),
      });
    }
    if (allowed.has('patch')) {
      path.patch = operation('patch', 'partially update', strategy, target, {
        parameters: [dryRun, fieldManager, fieldValidation, force],
        requestBody: patchBody,
        responses: response(target.schemaName, ['200', '201']),
      });
    }
    if (allowed.has('delete')) {
      path.delete = operation('delete', 'delete', strategy, target, {
        requestBody: { content: { '*/*': { schema: { $ref: `${schemaPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions` } } } },
        responses: response(schemaName, ['200', '202']),
      });
    }
    return path;
  };
  if (verbs.has('get') || verbs.has('update') || verbs.has('patch') || verbs.has('delete')) paths[item] = itemOperations(main, verbs);
  if (strategy.subresources.includes('status')) {
    paths[`${item}/status`] = itemOperations({ ...main, idKind: `${strategy.kind}Status`, noun: `status of the specified ${strategy.kind}` }, new Set(['get', 'update', 'patch']));
  }
  if (strategy.subresources.includes('scale')) {
    const scale = 'io.k8s.api.autoscaling.v1.Scale';
    paths[`${item}/scale`] = itemOperations(
      { schemaName: scale, gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, idKind: `${strategy.kind}Scale`, noun: `scale of the specified ${strategy.kind}` },
      new Set(['get', 'update', 'patch']),
    );
  }
  if (strategy.namespaced && verbs.has('list')) {
    paths[`${base}/${resource}`] = {
      parameters: [pretty],
      get: operation('list', 'list or watch objects of kind', { ...strategy, namespaced: false }, { ...main, idKind: `${strategy.kind}ForAllNamespaces`, noun: strategy.kind }, { responses: response(schemaName, ['200']) }),
    };
  }
  return paths;
}
