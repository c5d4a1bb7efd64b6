// "23 h 59 min left" for a boost, from whole seconds.
export function formatTimeLeft(seconds: number): string {
  if (seconds <= 0) return 'ended';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.ceil((seconds % 3600) / 60);
  if (days) return `${days} d ${hours} h`;
  if (hours) return `${hours} h ${minutes === 60 ? 0 : minutes} min`;
  return `${minutes} min`;
}
