'use client';

import { memo, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

function YamlPanelView({ yaml }: { yaml: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Panel
      id="yaml"
      title="YAML (without managedFields)"
      actions={
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(yaml).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            });
          }}
        >
          {copied ? 'Copied ✓' : 'Copy YAML'}
        </Button>
      }
    >
      <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950" data-testid="yaml-text" tabIndex={0} aria-label="StatefulSet YAML">
        {yaml}
      </pre>
    </Panel>
  );
}

/** Renders again only when its props change. */
export const YamlPanel = memo(YamlPanelView);
