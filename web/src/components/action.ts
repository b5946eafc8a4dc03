/**
 * A form's action that sends a command: busy while it runs (the button disabled, so one click is
 * one request), and its failure kept to show; an error that is no ApiFailure is a bug, shown as
 * `internal`.
 */
import { useState } from 'preact/hooks';
import { ApiFailure } from '../api.js';

export interface Action {
  readonly busy: boolean;
  readonly failure: ApiFailure | null;
  /** A failure found before anything is sent (a form's own checks). */
  fail(failure: ApiFailure): void;
  run(action: () => Promise<void>): Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  return {
    busy,
    failure,
    fail: setFailure,
    run: async (action) => {
      setFailure(null);
      setBusy(true);
      try {
        await action();
      } catch (cause) {
        setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'internal', message: String(cause) }]));
      } finally {
        setBusy(false);
      }
    },
  };
}
