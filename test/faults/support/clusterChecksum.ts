import { createHash } from 'node:crypto';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * A checksum of every object the cluster holds, to show that a barrage of requests changed nothing.
 * Discovery finds every listable resource (core and every group version); each object counts with its
 * identity and intent (metadata, spec, data...), not with what the cluster rewrites by itself:
 * resourceVersion, managedFields, status, and Events and Leases (which the components keep writing).
 */
const noisyResources = new Set(['events', 'leases']);

interface ApiResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}

async function getJson<T>(kc: KubeConfig, path: string): Promise<T> {
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${cluster.server}${path}`,
      { headers: { Authorization: `Bearer ${token ?? ''}`, Accept: 'application/json' }, ca: cluster.caData ? Buffer.from(cluster.caData, 'base64') : undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function groupVersions(kc: KubeConfig): Promise<string[]> {
  const core = await getJson<{ versions: string[] }>(kc, '/api');
  const groups = await getJson<{ groups: Array<{ versions: Array<{ groupVersion: string }> }> }>(kc, '/apis');
  return [...core.versions.map((version) => `/api/${version}`), ...groups.groups.flatMap((group) => group.versions.map((version) => `/apis/${version.groupVersion}`))];
}

function normalized(object: Record<string, unknown>): unknown {
  const { status: _status, metadata, ...rest } = object;
  const { resourceVersion: _rv, managedFields: _mf, ...identity } = (metadata ?? {}) as Record<string, unknown>;
  return { metadata: identity, ...rest };
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => `${JSON.stringify(key)}:${stable(inner)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ClusterChecksum {
  hash: string;
  objects: number;
  /** Per resource path: a hash of its objects, to say what changed when the total differs. */
  byResource: Record<string, string>;
}

export async function clusterChecksum(kc: KubeConfig): Promise<ClusterChecksum> {
  const byResource: Record<string, string> = {};
  let objects = 0;
  const seen = new Set<string>();
  for (const groupVersion of await groupVersions(kc)) {
    const list = await getJson<{ resources: ApiResource[] }>(kc, groupVersion);
    for (const resource of list.resources) {
      if (resource.name.includes('/') || !resource.verbs.includes('list') || noisyResources.has(resource.name)) continue;
      // The same kind can be served by two group versions; count it once.
      const key = `${resource.name}@${groupVersion.split('/').slice(0, -1).join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const items = (await getJson<{ items: Record<string, unknown>[] }>(kc, `${groupVersion}/${resource.name}`)).items ?? [];
      const lines = items.map((item) => stable(normalized(item))).sort();
      objects += lines.length;
      byResource[`${groupVersion}/${resource.name}`] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }
  }
  const hash = createHash('sha256').update(stable(byResource)).digest('hex');
  return { hash, objects, byResource };
}

/** The resources whose objects differ between two checksums. */
export function changedResources(before: ClusterChecksum, after: ClusterChecksum): string[] {
  const names = new Set([...Object.keys(before.byResource), ...Object.keys(after.byResource)]);
  return [...names].filter((name) => before.byResource[name] !== after.byResource[name]).sort();
}
