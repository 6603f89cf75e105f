'use client';

import { useEffect, useReducer } from 'react';
import useSWR from 'swr';
import type { VisitsSample } from '@/lib/visits/types';
import { statefulSetPath } from './apiPaths';
import { fetchJson } from './fetchJson';
import { initialDetailState, reduceDetail, type StatefulSetDetailState } from './statefulSetDetailState';

const SAMPLE_MS = 2000;

/**
 * Visits read from a file the user typed instead of the StatefulSet's own (GET .../visits?path=),
 * sampled every 2 s while the page shows it, with its own "since you opened" baseline and history.
 */
export function useVisitsOverride(context: string, namespace: string, name: string, path: string | null) {
  const url = path ? `${statefulSetPath(context, namespace, name)}/visits?${new URLSearchParams({ path })}` : null;
  const { data, error } = useSWR<VisitsSample, Error>(url, fetchJson, { refreshInterval: SAMPLE_MS, revalidateOnFocus: false, keepPreviousData: false });
  const [state, dispatch] = useReducer(
    (current: StatefulSetDetailState, action: { sample: VisitsSample } | { reset: true }) => ('reset' in action ? initialDetailState() : reduceDetail(current, { type: 'visits', sample: action.sample })),
    undefined,
    initialDetailState,
  );
  useEffect(() => dispatch({ reset: true }), [url]);
  useEffect(() => {
    if (data) dispatch({ sample: data });
  }, [data]);
  return { state: url ? state : null, error: url ? error : undefined };
}
