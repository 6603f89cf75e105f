import type { V1ControllerRevision, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { RevisionView } from '../viewModels';
import { iso } from './format';

/** The pod template a StatefulSet ControllerRevision stores: its data is a patch `{spec: {template: {..., $patch: replace}}}`. */
export function revisionTemplate(revision: V1ControllerRevision): V1PodTemplateSpec | undefined {
  const data = revision.data as { spec?: { template?: V1PodTemplateSpec & { $patch?: string } } } | undefined;
  const template = data?.spec?.template;
  if (!template) return undefined;
  const copy = JSON.parse(JSON.stringify(template)) as V1PodTemplateSpec & { $patch?: string };
  delete copy.$patch;
  return copy;
}

export function revisionView(revision: V1ControllerRevision, sts: V1StatefulSet): RevisionView {
  const name = revision.metadata?.name ?? '';
  const stsName = sts.metadata?.name ?? '';
  const hash = revision.metadata?.labels?.['controller.kubernetes.io/hash'] ?? (name.startsWith(`${stsName}-`) ? name.slice(stsName.length + 1) : name);
  const template = revisionTemplate(revision);
  return {
    name,
    revision: Number(revision.revision ?? 0),
    hash,
    creationTimestamp: iso(revision.metadata?.creationTimestamp),
    images: (template?.spec?.containers ?? []).map((container) => ({ container: container.name, image: container.image ?? '' })),
    templateYaml: template ? stringify(JSON.parse(JSON.stringify(template)), { lineWidth: 0 }) : '',
    isCurrent: name === sts.status?.currentRevision,
    isUpdate: name === sts.status?.updateRevision,
  };
}
