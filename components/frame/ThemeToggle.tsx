'use client';

import { focusRing } from '@/components/ui/Button';
import { useTheme } from '@/hooks/useTheme';

export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === 'dark'}
      className={`rounded border border-slate-400 px-2 py-1 text-sm dark:border-slate-500 ${focusRing}`}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☾ ' : '☀ '}</span>
      Dark theme
    </button>
  );
}
