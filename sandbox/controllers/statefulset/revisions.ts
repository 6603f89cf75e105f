import type { ControllerRevision, PodTemplateSpec, StatefulSet } from '../apiTypes';

/**
 * ControllerRevisions of a StatefulSet, as pkg/controller/history and stateful_set_utils.go make them:
 * the revision's `data` is a strategic merge patch that replaces `spec.template`, its name is
 * `<set>-<hash>` where the hash is FNV-1a 32 of that patch (and the collision count) encoded with
 * Kubernetes' "safe" alphabet, and `revision` numbers grow with every new template.
 */

export const revisionHashLabelOnRevision = 'controller.kubernetes.io/hash';

/** JSON as Go's encoding/json writes a map: keys sorted at every level, <, > and & escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) sorted[key] = sortKeys(field);
    }
    return sorted;
  }
  return value;
}

/** The patch a revision stores: `{"spec":{"template":{..., "$patch":"replace"}}}`. */
export function templatePatch(set: StatefulSet): { spec: { template: Record<string, unknown> } } {
  const template = JSON.parse(JSON.stringify(set.spec.template)) as Record<string, unknown>;
  template.$patch = 'replace';
  return { spec: { template } };
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: no vowels, no look-alike characters. */
export function safeEncode(text: string): string {
  return Array.from(text, (character) => safeAlphabet[character.charCodeAt(0) % safeAlphabet.length]).join('');
}

/** history.HashControllerRevision: the data bytes, then the collision count in decimal. */
export function revisionHash(data: unknown, collisionCount: number | undefined): string {
  const bytes = goJson(data) + (collisionCount === undefined ? '' : String(collisionCount));
  return safeEncode(String(fnv1a32(bytes)));
}

export function revisionName(setName: string, hash: string): string {
  return `${setName.length > 223 ? setName.slice(0, 223) : setName}-${hash}`;
}

/** A new revision object for the set's current template (not yet stored). */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = templatePatch(set);
  const hash = revisionHash(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(set.metadata.name ?? '', hash),
      namespace: set.metadata.namespace,
      labels: { ...(set.spec.template.metadata?.labels ?? {}), [revisionHashLabelOnRevision]: hash },
      annotations: { ...(set.metadata.annotations ?? {}) },
      ownerReferences: [controllerRef(set)],
    },
    data,
    revision,
  };
}

export function controllerRef(set: StatefulSet) {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name ?? '', uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** Two revisions are equal when their patches are (history.EqualRevision compares the raw data). */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return goJson(a.data) === goJson(b.data);
}

export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(
    (a, b) => a.revision - b.revision || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

export function nextRevisionNumber(sorted: ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;
}

/** The pod template a revision describes (ApplyRevision: the patch replaces spec.template). */
export function templateOf(revision: ControllerRevision): PodTemplateSpec {
  const template = { ...((revision.data as { spec?: { template?: Record<string, unknown> } }).spec?.template ?? {}) };
  delete template.$patch;
  return template as unknown as PodTemplateSpec;
}

/** The set as it was at a revision: the same object with that revision's template. */
export function setAtRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  return { ...set, spec: { ...set.spec, template: templateOf(revision) } };
}
