// Rows of the league tables and their API shapes.
import type { League } from '../schemas';
import type { Mode } from '../../../shared/schemas/developer';
import type { MatchResult } from './games/index';
import type { Realm } from '../../../server/extensions/api';

export interface LeagueRow {
  id: string;
  game: string;
  name: string;
  tier: string;
  format: League['format'];
  status: League['status'];
  mode: Mode;
  start_date: Date;
  end_date: Date;
  max_participants: number;
  k_factor: number;
  participant_count: number;
  current_round: number;
  total_rounds: number | null;
  application_id: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

export interface MatchRow {
  id: string;
  league_id: string;
  round: number | null;
  slot: number | null;
  player_a: string;
  player_b: string | null;
  status: 'scheduled' | 'pending' | 'completed' | 'bye';
  result: MatchResult | null;
  reported_by: string | null;
  reported_result: MatchResult | null;
  reported_moves: unknown;
  created_at: Date;
  recorded_at: Date | null;
}

export interface RatingRow {
  user_id: string;
  game: string;
  /** Live, or a test league's sandbox (developer/realm.ts). */
  mode: Realm;
  rating: number;
  peak: number;
  games: number;
  wins: number;
  draws: number;
  losses: number;
}

/** Registration is open before the start (and, for open leagues, while running) with room left. */
export function registrationOpen(r: LeagueRow, now = new Date()): boolean {
  if (r.participant_count >= r.max_participants || r.status === 'completed') return false;
  if (r.format === 'open') return true;
  return r.status === 'registration' && now < r.start_date;
}

export const toLeague = (r: LeagueRow): League => ({
  id: r.id,
  game: r.game,
  name: r.name,
  tier: r.tier,
  format: r.format,
  status: r.status,
  mode: r.mode,
  startDate: r.start_date,
  endDate: r.end_date,
  maxParticipants: r.max_participants,
  participantCount: r.participant_count,
  kFactor: r.k_factor,
  currentRound: r.current_round,
  totalRounds: r.total_rounds,
  registrationOpen: registrationOpen(r),
  createdAt: r.created_at,
  startedAt: r.started_at,
  completedAt: r.completed_at,
});

export const toFixture = (r: MatchRow) => ({
  id: r.id,
  round: r.round,
  slot: r.slot,
  playerA: r.player_a,
  playerB: r.player_b,
  status: r.status,
  result: r.result,
  recordedAt: r.recorded_at,
});
