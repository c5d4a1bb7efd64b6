// League standings: 3 points a win, 1 a draw, 0 a loss; ties broken by head to head (points in the
// games among the tied players), then Sonneborn–Berger in a round robin or Buchholz in a Swiss,
// then rating. Pure: it takes the participants and the played games and returns ranked rows.
import type { MatchResult } from './games/index';

export type StandingsFormat = 'round_robin' | 'swiss' | 'single_elimination' | 'open';

export interface PlayedGame {
  a: string;
  b: string;
  result: MatchResult;
}

export interface StandingRow {
  rank: number;
  userId: string;
  played: number;
  won: number;
  drawn: number;
  lost: number;
  points: number;
  rating: number;
  /** The tie-break values, in the order they were applied. */
  headToHead: number;
  sonnebornBerger: number;
  buchholz: number;
}

export const WIN_POINTS = 3;
export const DRAW_POINTS = 1;
/** A Swiss bye scores as a win (FIDE gives the full point); a round-robin bye scores nothing. */
export const SWISS_BYE_POINTS = WIN_POINTS;

const pointsFor = (result: MatchResult, side: 'a' | 'b') =>
  result === 'draw' ? DRAW_POINTS : result === side ? WIN_POINTS : 0;

export function computeStandings(
  format: StandingsFormat,
  participants: ReadonlyArray<{ userId: string; rating: number }>,
  games: readonly PlayedGame[],
  byes: readonly string[] = [],
): StandingRow[] {
  const rows = new Map<string, StandingRow>();
  for (const p of participants) {
    rows.set(p.userId, { rank: 0, userId: p.userId, played: 0, won: 0, drawn: 0, lost: 0, points: 0, rating: p.rating, headToHead: 0, sonnebornBerger: 0, buchholz: 0 });
  }
  for (const g of games) {
    for (const side of ['a', 'b'] as const) {
      const row = rows.get(g[side]);
      if (!row) continue;
      row.played++;
      if (g.result === 'draw') row.drawn++;
      else if (g.result === side) row.won++;
      else row.lost++;
      row.points += pointsFor(g.result, side);
    }
  }
  if (format === 'swiss') for (const id of byes) if (rows.has(id)) rows.get(id)!.points += SWISS_BYE_POINTS;

  // Opponents' final points feed both Sonneborn–Berger (weighted by the result) and Buchholz.
  for (const g of games) {
    const a = rows.get(g.a);
    const b = rows.get(g.b);
    if (!a || !b) continue;
    a.buchholz += b.points;
    b.buchholz += a.points;
    const sA = g.result === 'a' ? 1 : g.result === 'draw' ? 0.5 : 0;
    a.sonnebornBerger += sA * b.points;
    b.sonnebornBerger += (1 - sA) * a.points;
  }

  // Head to head within each group of players level on points.
  const byPoints = new Map<number, StandingRow[]>();
  for (const row of rows.values()) byPoints.set(row.points, [...(byPoints.get(row.points) ?? []), row]);
  for (const group of byPoints.values()) {
    if (group.length < 2) continue;
    const ids = new Set(group.map((r) => r.userId));
    for (const g of games) {
      if (!ids.has(g.a) || !ids.has(g.b)) continue;
      rows.get(g.a)!.headToHead += pointsFor(g.result, 'a');
      rows.get(g.b)!.headToHead += pointsFor(g.result, 'b');
    }
  }

  const second = (r: StandingRow) => (format === 'round_robin' ? r.sonnebornBerger : format === 'swiss' ? r.buchholz : 0);
  const ranked = [...rows.values()].sort(
    (x, y) =>
      y.points - x.points ||
      y.headToHead - x.headToHead ||
      second(y) - second(x) ||
      y.rating - x.rating ||
      x.userId.localeCompare(y.userId),
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}
