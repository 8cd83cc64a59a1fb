import { useEffect, useRef, useState } from "react";

// Wheel and pinch zoom continuously; only the level they settle on is announced.
const ANNOUNCE_DELAY_MS = 400;

/**
 * Text for a polite live region. `announce` sets it at once; `announceSoon` waits for a pause,
 * and a newer `announceSoon` replaces one still waiting. The pending message is dropped on unmount.
 */
export function useAnnouncer() {
  const [announcement, setAnnouncement] = useState("");
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (announceTimer.current) clearTimeout(announceTimer.current);
    },
    [],
  );

  function announce(message: string) {
    // A repeated message would not change the live region, so it would not be read again.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }

  function announceSoon(message: string) {
    if (announceTimer.current) clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => {
      announceTimer.current = null;
      announce(message);
    }, ANNOUNCE_DELAY_MS);
  }

  return { announcement, announce, announceSoon };
}
