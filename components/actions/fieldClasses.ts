import { focusRing } from '@/components/ui/Button';

/** The look of text, number and select inputs in the action forms. */
export const inputClass = `rounded border border-slate-400 bg-white px-2 py-1 text-sm disabled:bg-slate-100 dark:border-slate-500 dark:bg-slate-800 dark:disabled:bg-slate-900 ${focusRing}`;
