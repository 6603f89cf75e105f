import type { StatefulSetDetail } from '@/lib/k8s/viewModels';

/**
 * A React.memo comparison for panels that take the whole detail but read only some parts: a stream
 * patch replaces only the parts that changed, so a panel renders again only when one of its parts did.
 */
export function sameDetailParts<Props extends { detail: StatefulSetDetail }>(parts: (keyof StatefulSetDetail)[]) {
  return (before: Props, after: Props): boolean => {
    for (const key of Object.keys(after) as (keyof Props)[]) {
      if (key !== 'detail' && before[key] !== after[key]) return false;
    }
    return parts.every((part) => before.detail[part] === after.detail[part]);
  };
}
