import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Registry } from '../registry/genericRegistry';
import type { KubeObject } from '../../store/types';

/**
 * Loads manifests/demo/*.yaml (multi-document; kustomization.yaml and subfolders skipped) through
 * the registry, like `kubectl create -f` would: on the first start of an empty store only.
 * Namespaces go first so the objects in them can be created; a bad document is logged and skipped.
 */
export async function loadDemoManifests(registry: Registry, rootDir: string, log: (message: string) => void): Promise<number> {
  const dir = path.join(rootDir, 'manifests', 'demo');
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml' && file !== 'kustomization.yml')
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .sort();
  const objects: Array<{ file: string; object: KubeObject }> = [];
  for (const file of files) {
    try {
      for (const document of YAML.parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
        const value = document.toJSON() as unknown;
        if (value && typeof value === 'object' && !Array.isArray(value) && (value as KubeObject).kind) objects.push({ file, object: value as KubeObject });
      }
    } catch (error) {
      log(`demo manifest ${file} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  objects.sort((a, b) => Number(b.object.kind === 'Namespace') - Number(a.object.kind === 'Namespace'));
  let created = 0;
  for (const { file, object } of objects) {
    const strategy = registry.catalog.forKind(object.apiVersion, object.kind);
    if (!strategy) {
      log(`demo manifest ${file}: the sandbox does not serve ${object.apiVersion} ${object.kind}; skipped`);
      continue;
    }
    try {
      await registry.create(strategy.resource, object);
      created++;
    } catch (error) {
      log(`demo manifest ${file}: ${object.kind} ${object.metadata?.name ?? ''} was not created: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return created;
}
