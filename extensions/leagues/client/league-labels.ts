// How league values read in the client: formats, statuses and results in words.
import type { LeagueFormat } from '../schemas';

export const formatLabels: Record<LeagueFormat, string> = {
  round_robin: 'Round robin',
  swiss: 'Swiss',
  single_elimination: 'Knockout',
  open: 'Open ladder',
};

export const statusColors = { registration: 'blue', running: 'green', completed: 'gray' } as const;
export const statusLabels = { registration: 'Registration', running: 'Running', completed: 'Completed' } as const;

export const leaguePath = (leagueId: string) => `/leagues/${leagueId}`;
export const playerPath = (userId: string) => `/leagues/players/${userId}`;
