// A countdown to an instant the server named, ticking once a second while it runs and calling back
// when it reaches zero. The server's clock is the truth: `skewMs` (server minus browser) moves the
// target onto the browser's clock, so a fast browser clock does not ask again too early.
import { useEffect, useRef, useState } from 'react';

/** Seconds left until `target` (null: no countdown), ticking every second. */
export function useCountdown(target: Date | null, skewMs: number, onZero: () => void): number | null {
  const targetMs = target ? target.getTime() - skewMs : null;
  const [now, setNow] = useState(() => Date.now());
  const callback = useRef(onZero);
  useEffect(() => {
    callback.current = onZero;
  });

  useEffect(() => {
    if (targetMs === null) return;
    setNow(Date.now());
    // Already past (the answer came late, or the server still says "wait"): ask again in a second
    // rather than at once, so a disagreement can never turn into a tight loop of requests.
    if (targetMs <= Date.now()) {
      const retry = setTimeout(() => callback.current(), 1000);
      return () => clearTimeout(retry);
    }
    const tick = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= targetMs) {
        clearInterval(tick);
        callback.current();
      }
    }, 1000);
    return () => clearInterval(tick);
  }, [targetMs]);

  return targetMs === null ? null : Math.max(0, (targetMs - now) / 1000);
}
