import { useEffect, useState } from "react";

function format(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * Time left until the server's deadline. The server's clock is the reference: the offset
 * between it and this device is measured once, so a wrong device clock does not matter and a
 * reload shows the same time left. Calls `onExpire` once when it reaches zero.
 */
export function Countdown({ deadlineAt, serverNow, onExpire }: { deadlineAt: number; serverNow: number; onExpire?: () => void }) {
  const [left, setLeft] = useState(deadlineAt - serverNow);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const offset = serverNow - Date.now();
    let expired = false;
    let announced = new Set<number>();
    const tick = () => {
      const remaining = deadlineAt - (Date.now() + offset);
      setLeft(remaining);
      for (const mark of [5, 1]) {
        if (remaining <= mark * 60_000 && remaining > 0 && !announced.has(mark)) {
          announced = new Set(announced).add(mark);
          setAnnouncement(`${mark} minute${mark === 1 ? "" : "s"} left.`);
        }
      }
      if (remaining <= 0 && !expired) {
        expired = true;
        onExpire?.();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadlineAt, serverNow, onExpire]);
  const urgent = left <= 60_000;
  return (
    <div className={`rounded-md px-3 py-1.5 font-mono text-lg tabular-nums ${urgent ? "bg-rose-100 text-rose-900" : "bg-stone-100 text-stone-900"}`}>
      <span className="sr-only">Time left: </span>
      <span role="timer" aria-live="off">
        {format(left)}
      </span>
      <span className="sr-only" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}
