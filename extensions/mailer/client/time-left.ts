// "23 h 59 min" or "2 d 4 h" for a boost's time left, from whole seconds (rounded up to a minute).
export function formatTimeLeft(seconds: number): string {
  if (seconds <= 0) return 'ended';
  const totalMinutes = Math.ceil(seconds / 60);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days) return `${days} d ${hours} h`;
  if (hours) return `${hours} h ${minutes} min`;
  return `${minutes} min`;
}
