import type { ResourceRef } from '../../store/types';
import type { ResourceStrategy } from './strategy';
import { strategies } from './strategies';

/** Finds the strategy of a resource by its URL name or by apiVersion+kind (for manifests). */
export class StrategyCatalog {
  private readonly byResource = new Map<string, ResourceStrategy>();
  private readonly byKind = new Map<string, ResourceStrategy>();

  constructor(readonly all: ResourceStrategy[]) {
    for (const strategy of all) {
      const { group, version, resource } = strategy.resource;
      this.byResource.set(`${group}/${version}/${resource}`, strategy);
      this.byKind.set(`${group ? `${group}/` : ''}${version}/${strategy.kind}`, strategy);
    }
  }

  find(group: string, version: string, resource: string): ResourceStrategy | undefined {
    return this.byResource.get(`${group}/${version}/${resource}`);
  }

  forRef(ref: ResourceRef): ResourceStrategy | undefined {
    return this.find(ref.group, ref.version, ref.resource);
  }

  forKind(apiVersion: string, kind: string): ResourceStrategy | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Group/versions served, core first. */
  groupVersions(): Array<{ group: string; version: string }> {
    const seen = new Map<string, { group: string; version: string }>();
    for (const strategy of this.all) seen.set(`${strategy.resource.group}/${strategy.resource.version}`, { group: strategy.resource.group, version: strategy.resource.version });
    return [...seen.values()];
  }
}

export function defaultCatalog(): StrategyCatalog {
  return new StrategyCatalog(strategies);
}
