'use client';

import { memo, useMemo } from 'react';
import type { EventView } from '@/lib/k8s/viewModels';
import { Age } from '@/components/ui/Age';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { Empty } from '@/components/ui/StateMessage';

const SHOWN = 200;

/** Events of the StatefulSet and its pods and claims, newest first, as they happen. */
function EventsPanelView({ events }: { events: EventView[] }) {
  const sorted = useMemo(() => [...events].sort((a, b) => (b.lastTimestamp || b.firstTimestamp).localeCompare(a.lastTimestamp || a.firstTimestamp)).slice(0, SHOWN), [events]);
  return (
    <Panel id="events" title="Events (newest first)">
      {sorted.length === 0 ? (
        <Empty>No events yet. The cluster keeps events for about an hour; new ones appear here as they happen.</Empty>
      ) : (
        <div className="max-h-[28rem] overflow-auto" tabIndex={0} aria-label="Events list">
          <table className="w-full text-left text-xs" data-testid="events-table">
            <caption className="sr-only">Events, newest first</caption>
            <thead className="sticky top-0 bg-white dark:bg-slate-900">
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {['Type', 'Reason', 'Age', 'From', 'Object', 'Message'].map((heading) => (
                  <th key={heading} scope="col" className="py-1 pr-2">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((event) => (
                <tr key={event.uid} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-1 pr-2">{event.type === 'Warning' ? <Badge tone="bad">⚠ Warning</Badge> : event.type}</td>
                  <td className="py-1 pr-2">{event.reason}</td>
                  <td className="py-1 pr-2 whitespace-nowrap">
                    <Age since={event.lastTimestamp || event.firstTimestamp} />
                    {event.count > 1 ? ` (×${event.count})` : ''}
                  </td>
                  <td className="py-1 pr-2">{event.source}</td>
                  <td className="py-1 pr-2 font-mono">
                    {event.involvedKind.toLowerCase()}/{event.involvedName}
                  </td>
                  <td className="py-1 pr-2">{event.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** Renders again only when its props change. */
export const EventsPanel = memo(EventsPanelView);
