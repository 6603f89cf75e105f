import { memo } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { ClaimView, StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Age } from '@/components/ui/Age';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { Empty } from '@/components/ui/StateMessage';

function byOrdinal(a: ClaimView, b: ClaimView): number {
  return a.template.localeCompare(b.template) || (a.ordinal ?? Number.MAX_SAFE_INTEGER) - (b.ordinal ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name);
}

/** The claims of the StatefulSet's pods; those whose pod was scaled away are marked, with the retention policy explained. */
function StoragePanelView({ detail }: { detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const claims = [...detail.claims].sort(byOrdinal);
  const orphaned = claims.filter((claim) => claim.orphaned);
  return (
    <Panel id="storage" title="Storage">
      <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">
        Each pod gets its own claim from every volume claim template ({detail.claimTemplates.map((template) => template.name).join(', ') || 'none here'}), named
        &lt;template&gt;-&lt;pod&gt;, and keeps it across restarts and rescheduling. Retention policy: when the StatefulSet is deleted the claims are{' '}
        <strong>{sts.retentionPolicy.whenDeleted === 'Retain' ? 'kept' : 'deleted'}</strong>; when it is scaled down they are{' '}
        <strong>{sts.retentionPolicy.whenScaled === 'Retain' ? 'kept, so a pod that comes back gets its old data' : 'deleted with their pods'}</strong>.
      </p>
      {orphaned.length > 0 ? (
        <p className="mb-2 text-xs font-medium text-amber-900 dark:text-amber-200" data-testid="orphaned-explanation">
          {orphaned.length} claim{orphaned.length === 1 ? '' : 's'} belong{orphaned.length === 1 ? 's' : ''} to ordinals at or above the replica count ({sts.replicas}): no pod uses{' '}
          {orphaned.length === 1 ? 'it' : 'them'} now. They stay (and keep their data) until you delete them or scale up again.
        </p>
      ) : null}
      {claims.length === 0 ? (
        <Empty>This StatefulSet has no persistent volume claims: it has no volume claim templates, or none were created yet.</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs" data-testid="claims-table">
            <caption className="sr-only">Persistent volume claims</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {['Claim', 'Pod', 'Status', 'Volume', 'Capacity', 'Access modes', 'Storage class', 'Age'].map((heading) => (
                  <th key={heading} scope="col" className="py-1 pr-2">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.uid || claim.name} data-testid={`claim-row-${claim.name}`} data-orphaned={claim.orphaned ? 'true' : 'false'} className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-2 font-mono">
                    {claim.name} {claim.orphaned ? <Badge tone="warn">orphaned: no pod</Badge> : null}
                  </th>
                  <td className="py-1 pr-2 font-mono">{claim.pod}</td>
                  <td className="py-1 pr-2">{claim.phase}</td>
                  <td className="py-1 pr-2 font-mono">{claim.volume || '—'}</td>
                  <td className="py-1 pr-2">{claim.capacity || claim.requested}</td>
                  <td className="py-1 pr-2">{claim.accessModes.join(', ')}</td>
                  <td className="py-1 pr-2">{claim.storageClass || '<default>'}</td>
                  <td className="py-1 pr-2">
                    <Age since={claim.creationTimestamp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** Renders again only when the parts of the detail it shows change. */
export const StoragePanel = memo(StoragePanelView, sameDetailParts<Parameters<typeof StoragePanelView>[0]>(['statefulSet', 'claims', 'claimTemplates']));
