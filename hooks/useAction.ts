'use client';

import { useCallback, useRef, useState } from 'react';
import { describeError, ApiError } from './apiError';
import { sendJson } from './fetchJson';

export interface ActionState {
  pending: boolean;
  /** The API's error, verbatim. */
  error: string | null;
  /** Which input the server blamed, when it said. */
  field: string | null;
  /** Plain words after success ("Asked for 5 replicas; the pods follow below."). */
  done: string | null;
}

/**
 * One mutation of the dashboard API: pending while the request is out, then the server's error verbatim
 * or a short acknowledgement. The cluster's new state itself arrives through the page's stream.
 */
export function useAction() {
  const [state, setState] = useState<ActionState>({ pending: false, error: null, field: null, done: null });
  const inFlight = useRef(false);

  const run = useCallback(async (url: string, method: 'POST' | 'DELETE', body: unknown, doneMessage: string, onAnswer?: (answer: unknown) => void): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setState({ pending: true, error: null, field: null, done: null });
    try {
      const answer = await sendJson<unknown>(url, method, body);
      onAnswer?.(answer);
      setState({ pending: false, error: null, field: null, done: doneMessage });
      return true;
    } catch (error) {
      setState({ pending: false, error: describeError(error), field: error instanceof ApiError ? (error.field ?? null) : null, done: null });
      return false;
    } finally {
      inFlight.current = false;
    }
  }, []);

  const reset = useCallback(() => setState({ pending: false, error: null, field: null, done: null }), []);
  return { ...state, run, reset };
}
