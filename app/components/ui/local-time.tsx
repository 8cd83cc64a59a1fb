import { useEffect, useState } from "react";

/** "2026-05-04 13:05 UTC": the same for every reader, so the server can render it. */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "4 May 2026, 14:05 BST": a moment in a time zone (the reader's own when none is given), naming the zone. */
export function localText(ms: number, options: { locale?: string; timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: options.timeZone,
  }).format(ms);
}

/**
 * A moment in the reader's own time zone. The server does not know that zone, so it renders the
 * time in UTC, saying so; once the page is running in the browser the text changes to local time.
 * The first render in the browser matches the server's, so hydration sees no difference.
 */
export function LocalTime({ at }: { at: number }) {
  const [text, setText] = useState(() => utcText(at));
  useEffect(() => setText(localText(at)), [at]);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}
