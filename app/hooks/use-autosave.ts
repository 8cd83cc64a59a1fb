import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

export type AutosaveState = "idle" | "saving" | "saved" | "error";
export type AutosaveStatus = { state: AutosaveState; message?: string };

type Options<TData> = {
  /** The form whose fields are saved. */
  formRef: RefObject<HTMLFormElement>;
  /** The `intent` the action recognises as a background save; the route's `shouldRevalidate` should skip it. */
  intent: string;
  /** Whether something was already saved when the page loaded (shows "Saved" rather than nothing). */
  savedOnLoad?: boolean;
  /** Reads the action's answer to a save: return a message to show it failed, or nothing when it saved. */
  onResult?: (data: TData) => string | void;
};

/**
 * Saves a form in the background as the person works. `schedule(delay)` posts the form's current
 * fields after `delay` ms of quiet (a later call restarts the wait). One save is in flight at a
 * time: a save asked for while one runs waits for it and then sends the newest fields, so the
 * server never sees an older state after a newer one and nothing typed in between is lost.
 */
export function useAutosave<TData>({ formRef, intent, savedOnLoad = false, onResult }: Options<TData>) {
  const fetcher = useFetcher<TData>();
  const [status, setStatus] = useState<AutosaveStatus>({ state: savedOnLoad ? "saved" : "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inFlight = useRef(false);
  const pending = useRef(false);
  // The fetcher and callback change on every render; refs keep `schedule` stable.
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  inFlight.current = fetcher.state !== "idle";

  const saveNow = useCallback(() => {
    if (!formRef.current) return;
    if (inFlight.current) {
      pending.current = true;
      return;
    }
    const body = new FormData(formRef.current);
    body.set("intent", intent);
    inFlight.current = true;
    setStatus({ state: "saving" });
    submit.current(body, { method: "post" });
  }, [formRef, intent]);

  const schedule = useCallback(
    (delay = 0) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(saveNow, delay);
    },
    [saveNow],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (fetcher.state !== "idle") return;
    if (pending.current) {
      pending.current = false;
      saveNow();
      return;
    }
    if (fetcher.data === undefined) return;
    const problem = onResultRef.current?.(fetcher.data);
    setStatus(problem ? { state: "error", message: problem } : { state: "saved" });
  }, [fetcher.state, fetcher.data, saveNow]);

  return { schedule, status };
}
