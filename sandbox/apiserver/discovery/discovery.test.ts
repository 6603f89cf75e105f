import { describe, expect, it } from 'vitest';
import { acceptsAggregatedDiscovery, aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions } from './index';

describe('discovery', () => {
  it('lists the core version and the named groups in upstream order', () => {
    expect(apiVersions('127.0.0.1:6443')).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    expect(apiGroupList().groups.map((group) => group.preferredVersion.groupVersion)).toEqual([
      'apps/v1',
      'authorization.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
      'storage.k8s.io/v1',
      'discovery.k8s.io/v1',
    ]);
  });

  it('describes resources with short names, categories and subresources as their own entries', () => {
    const core = apiResourceList('', 'v1');
    const pods = core?.resources.find((resource) => resource.name === 'pods');
    expect(pods).toMatchObject({ singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] });
    expect(pods?.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    expect(pods?.storageVersionHash).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(core?.resources.find((resource) => resource.name === 'pods/exec')).toEqual({ name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] });
    const shortNames = Object.fromEntries((core?.resources ?? []).filter((resource) => resource.shortNames).map((resource) => [resource.name, resource.shortNames?.[0]]));
    expect(shortNames).toMatchObject({ pods: 'po', services: 'svc', endpoints: 'ep', persistentvolumeclaims: 'pvc', persistentvolumes: 'pv', namespaces: 'ns', nodes: 'no', events: 'ev', configmaps: 'cm', serviceaccounts: 'sa' });
    const apps = apiResourceList('apps', 'v1');
    expect(apps?.resources.map((resource) => resource.name)).toEqual(['controllerrevisions', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']);
    expect(apps?.resources.find((resource) => resource.name === 'statefulsets/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    expect(apiResourceList('storage.k8s.io', 'v1')?.resources[0]).toMatchObject({ name: 'storageclasses', shortNames: ['sc'], namespaced: false });
    expect(apiResourceList('batch', 'v1')).toBeUndefined();
  });

  it('answers aggregated discovery only to clients that ask for it', () => {
    expect(acceptsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe(true);
    expect(acceptsAggregatedDiscovery('application/json, */*')).toBe(false);
    const named = aggregatedDiscovery('/apis');
    const apps = named.items.find((item) => item.metadata.name === 'apps');
    const statefulSets = apps?.versions[0].resources.find((resource) => resource.resource === 'statefulsets');
    expect(statefulSets).toMatchObject({ scope: 'Namespaced', singularResource: 'statefulset', shortNames: ['sts'], responseKind: { group: '', version: '', kind: 'StatefulSet' } });
    expect(statefulSets?.subresources).toContainEqual({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
    expect(aggregatedDiscovery('/api').items[0].versions[0].resources.map((resource) => resource.resource)).toContain('pods');
  });
});
