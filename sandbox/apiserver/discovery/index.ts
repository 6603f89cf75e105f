import { createHash } from 'node:crypto';
import { strategies } from '../registry/strategies';
import type { ResourceStrategy } from '../registry/strategy';
import { subresourceDescriptions } from './subresources';

/**
 * Discovery documents built from the registry's strategies: /api, /apis, each group-version's
 * APIResourceList, and the aggregated (apidiscovery.k8s.io/v2) form kubectl 1.30+ asks for first.
 */

export interface GroupVersion {
  group: string;
  version: string;
}

/** Groups in the order kube-apiserver lists them in /apis. */
const groupOrder = ['apps', 'authorization.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'discovery.k8s.io'];

function groupVersionText(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** storageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"), as upstream. */
function storageVersionHash(strategy: ResourceStrategy): string {
  const digest = createHash('sha256').update(`${strategy.resource.group}/${strategy.resource.version}/${strategy.kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}

function isStored(strategy: ResourceStrategy): boolean {
  return !(strategy.verbs.length === 1 && strategy.verbs[0] === 'create');
}

function strategiesIn(group: string, version: string): ResourceStrategy[] {
  return strategies.filter((strategy) => strategy.resource.group === group && strategy.resource.version === version);
}

/** /api: the core group's versions. `serverAddress` is host:port as clients reach the server. */
export function apiVersions(serverAddress = '127.0.0.1:6443') {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** Every named group and version served. */
export function servedGroupVersions(): GroupVersion[] {
  const seen = new Map<string, GroupVersion>();
  for (const strategy of strategies) {
    if (!strategy.resource.group) continue;
    const key = groupVersionText(strategy.resource.group, strategy.resource.version);
    if (!seen.has(key)) seen.set(key, { group: strategy.resource.group, version: strategy.resource.version });
  }
  return [...seen.values()].sort((left, right) => groupOrder.indexOf(left.group) - groupOrder.indexOf(right.group));
}

/** /apis: an APIGroupList. */
export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroupVersions().map(({ group, version }) => {
      const entry = { groupVersion: groupVersionText(group, version), version };
      return { name: group, versions: [entry], preferredVersion: entry };
    }),
  };
}

/** /apis/<group>: one APIGroup, or undefined when the group is not served. */
export function apiGroup(group: string) {
  const found = apiGroupList().groups.find((entry) => entry.name === group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...found } : undefined;
}

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

function resourceEntries(strategy: ResourceStrategy): ApiResource[] {
  const main: ApiResource = {
    name: strategy.resource.resource,
    singularName: strategy.singular,
    namespaced: strategy.namespaced,
    kind: strategy.kind,
    verbs: strategy.verbs,
  };
  if (strategy.shortNames.length) main.shortNames = strategy.shortNames;
  if (strategy.categories.length) main.categories = strategy.categories;
  if (isStored(strategy)) main.storageVersionHash = storageVersionHash(strategy);
  const subresources: ApiResource[] = [];
  for (const subresource of strategy.subresources) {
    const name = `${strategy.resource.resource}/${subresource}`;
    const description = subresourceDescriptions[name];
    if (!description) continue;
    const entry: ApiResource = { name, singularName: '', namespaced: strategy.namespaced, kind: description.kind, verbs: description.verbs };
    if (description.group !== undefined) {
      entry.group = description.group;
      entry.version = description.version;
    }
    subresources.push(entry);
  }
  return [main, ...subresources];
}

/** /api/v1 or /apis/<group>/<version>: an APIResourceList, or undefined when not served. */
export function apiResourceList(group: string, version: string) {
  const served = strategiesIn(group, version);
  if (served.length === 0) return undefined;
  const resources = served.flatMap(resourceEntries).sort((left, right) => left.name.localeCompare(right.name));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionText(group, version), resources };
}

/** The Content-Type an aggregated discovery answer must carry, or clients treat it as legacy. */
export const aggregatedDiscoveryContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when an Accept header asks for aggregated discovery v2 (kubectl and client-go 1.30+ do). */
export function acceptsAggregatedDiscovery(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const parameters = part.split(';').map((piece) => piece.trim());
    return parameters.includes('g=apidiscovery.k8s.io') && parameters.includes('v=v2') && parameters.includes('as=APIGroupDiscoveryList');
  });
}

function discoveryVersion(group: string, version: string) {
  const resources = strategiesIn(group, version)
    .slice()
    .sort((left, right) => left.resource.resource.localeCompare(right.resource.resource))
    .map((strategy) => {
      const entry: Record<string, unknown> = {
        resource: strategy.resource.resource,
        responseKind: { group: '', version: '', kind: strategy.kind },
        scope: strategy.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: strategy.singular,
        verbs: strategy.verbs,
      };
      if (strategy.shortNames.length) entry.shortNames = strategy.shortNames;
      if (strategy.categories.length) entry.categories = strategy.categories;
      const subresources = strategy.subresources
        .map((subresource) => ({ subresource, description: subresourceDescriptions[`${strategy.resource.resource}/${subresource}`] }))
        .filter((item) => item.description !== undefined)
        .map(({ subresource, description }) => ({
          subresource,
          responseKind: { group: description.group ?? '', version: description.version ?? '', kind: description.kind },
          verbs: description.verbs,
        }));
      if (subresources.length) entry.subresources = subresources;
      return entry;
    });
  return { version, resources, freshness: 'Current' };
}

/**
 * apidiscovery.k8s.io/v2 APIGroupDiscoveryList for `/api` (the core group) or `/apis` (named groups).
 * Serve it with `aggregatedDiscoveryContentType` when `acceptsAggregatedDiscovery(accept)`.
 */
export function aggregatedDiscovery(root: '/api' | '/apis') {
  const items: Array<{ metadata: { name?: string; creationTimestamp: null }; versions: Array<ReturnType<typeof discoveryVersion>> }> =
    root === '/api'
      ? [{ metadata: { creationTimestamp: null }, versions: [discoveryVersion('', 'v1')] }]
      : servedGroupVersions().map(({ group, version }) => ({ metadata: { name: group, creationTimestamp: null }, versions: [discoveryVersion(group, version)] }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
