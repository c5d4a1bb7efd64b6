// Example requests and responses of the league routes, for the API reference (server/openapi-examples.ts).
// One story: a four-player round robin of chess; its pairings, ratings and standings come from this
// module's own functions, so the numbers agree with what the routes would answer.
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';
import { rateMatch } from '../../../shared/elo';
import { roundRobin } from './pairings';
import { computeStandings } from './standings';

const leagueId = '0621cfa3-962d-4340-b64b-1d691c43bde6';
const earlierLeagueId = 'c5e7a9b1-3d5f-4c7e-9a1b-3c5e7a9b1d42';
/** grace's two wins in an earlier league, from the starting 1200. */
const graceHistory = [rateMatch(1200, 1200, 'a').a.after];
graceHistory.push(rateMatch(graceHistory[0]!, 1190.6, 'a').a.after);
const players = {
  margaret: { userId: '5c96aa4c-76aa-4c09-b648-da19bb7c78a5', username: 'margaret_h', rating: 1318.9 },
  grace: { userId: exampleIds.grace, username: 'grace', rating: graceHistory[1]! },
  katherine: { userId: 'b445c1d2-a9b1-461f-8d62-b38851657d51', username: 'katherine_j', rating: 1204 },
  linus: { userId: '08aa5716-0969-47f8-97b9-8256ce6552a3', username: 'linus_t', rating: 1190.6 },
};
const { grace, katherine, linus, margaret } = players;
/** Best rated first, as the start seeds them. */
const seeded = [margaret, grace, katherine, linus];
const byId = new Map(seeded.map((p) => [p.userId, p]));
const matchIds = [
  'f1fbefaa-b83f-4fc8-9721-a29ced8c1d4d',
  'd529aaa5-3ca4-45e3-9b30-ecfbd4e869b1',
  '4b0e5c2a-7d3f-4e91-a6b8-2c9f1e7d5a30',
  '9a7c3e1f-5b2d-4f86-8e0a-6d4c2b1a9f57',
  'e2d8b6a4-1c3f-4e5a-9b7d-0f2e4c6a8b13',
  '6c4a2e0f-8d6b-4a9c-b1e3-5f7d9b3c1a24',
];

const league = {
  id: leagueId,
  game: 'chess',
  name: 'Winter chess cup',
  tier: 'gold',
  format: 'round_robin' as const,
  status: 'registration' as const,
  mode: 'live' as const,
  startDate: at('2026-12-14T18:00:00.000Z'),
  endDate: at('2027-01-31T22:00:00.000Z'),
  maxParticipants: 8,
  participantCount: 0,
  kFactor: 32,
  currentRound: 0,
  totalRounds: null,
  registrationOpen: true,
  createdAt: at('2026-12-07T10:02:31.845Z'),
  startedAt: null,
  completedAt: null,
};
const registeredAt = ['2026-12-07T10:05:12.431Z', '2026-12-07T18:44:03.096Z', '2026-12-09T07:21:57.640Z', '2026-12-11T12:08:30.215Z'];
const participants = seeded.map((p, i) => ({ leagueId, userId: p.userId, username: p.username, registeredAt: at(registeredAt[i]!) }));
const started = {
  ...league,
  status: 'running' as const,
  participantCount: 4,
  currentRound: 1,
  totalRounds: 3,
  registrationOpen: false,
  startedAt: at('2026-12-14T18:00:00.412Z'),
};
const fixtures = roundRobin(seeded.map((p) => p.userId)).flatMap((pairs, round) =>
  pairs.map((pair, slot) => ({
    id: matchIds[round * 2 + slot]!,
    round: round + 1,
    slot: slot + 1,
    playerA: pair.a,
    playerB: pair.b,
    status: 'scheduled' as const,
    result: null,
    recordedAt: null,
  })),
);

// Round 1: margaret and linus draw; grace beats katherine with a scholar's mate.
const drawn = { ...fixtures[0]!, status: 'completed' as const, result: 'draw' as const, recordedAt: at('2026-12-15T20:41:09.330Z') };
const won = { ...fixtures[1]!, status: 'completed' as const, result: 'a' as const, recordedAt: at('2026-12-15T21:03:52.118Z') };
const ratingsOfWin = rateMatch(grace.rating, katherine.rating, 'a', league.kFactor);
const ratingsOfDraw = rateMatch(margaret.rating, linus.rating, 'draw', league.kFactor);
const ratingAfter = new Map([
  [grace.userId, ratingsOfWin.a.after],
  [katherine.userId, ratingsOfWin.b.after],
  [margaret.userId, ratingsOfDraw.a.after],
  [linus.userId, ratingsOfDraw.b.after],
]);
const rounded = ({ before, after }: { before: number; after: number }) => ({ before: Math.round(before), after: Math.round(after), exact: { before, after } });

export const games = examples(
  { output: s.gamesOutput },
  {
    response: {
      items: [
        { code: 'chess', name: 'Chess', xpPerGame: 20, typicalMinutes: 30 },
        { code: 'tic-tac-toe', name: 'Tic-tac-toe', xpPerGame: 5, typicalMinutes: 5 },
        { code: 'checkers', name: 'Checkers', xpPerGame: 15, typicalMinutes: 20 },
      ],
    },
  },
);

export const create = examples(
  { input: s.createLeagueInput, output: s.leagueOutput },
  {
    request: {
      game: 'chess',
      name: 'Winter chess cup',
      tier: 'gold',
      format: 'round_robin',
      maxParticipants: 8,
      startDate: '2026-12-14T18:00:00Z',
      endDate: '2027-01-31T22:00:00Z',
    },
    response: league,
  },
);

export const register = examples({ input: s.registerInput, output: s.participantOutput }, { request: { leagueId, userId: grace.userId }, response: participants[1]! });

export const start = examples({ input: s.leagueIdInput, output: s.startLeagueOutput }, { request: { leagueId }, response: { league: started, fixtures } });

export const recordMatch = examples(
  { input: s.recordMatchInput, output: s.recordMatchOutput },
  {
    request: { leagueId, playerA: grace.userId, playerB: katherine.userId, result: 'a', moves: ['e4', 'e5', 'Bc4', 'Nc6', 'Qh5', 'Nf6', 'Qxf7#'] },
    response: {
      match: { id: won.id, leagueId, round: 1, playerA: grace.userId, playerB: katherine.userId, result: 'a', status: 'completed', recordedAt: won.recordedAt },
      ratings: { a: rounded(ratingsOfWin.a), b: rounded(ratingsOfWin.b) },
    },
  },
);

export const standings = examples(
  { input: s.standingsInput, output: s.standingsOutput },
  {
    request: { leagueId },
    response: {
      items: computeStandings(
        'round_robin',
        seeded.map((p) => ({ userId: p.userId, rating: ratingAfter.get(p.userId)! })),
        [drawn, won].map((m) => ({ a: m.playerA, b: m.playerB!, result: m.result })),
      ).map((row) => ({
        rank: row.rank,
        userId: row.userId,
        username: byId.get(row.userId)!.username,
        played: row.played,
        won: row.won,
        drawn: row.drawn,
        lost: row.lost,
        points: row.points,
        rating: Math.round(row.rating),
        tieBreaks: { headToHead: row.headToHead, sonnebornBerger: row.sonnebornBerger, buchholz: row.buchholz },
      })),
    },
  },
);

/** The game's leaderboard after round 1: best rating first. */
const board = seeded
  .map((p) => ({ ...p, rating: ratingAfter.get(p.userId)!, games: { margaret_h: 23, grace: 3, katherine_j: 9, linus_t: 17 }[p.username]! }))
  .sort((x, y) => y.rating - x.rating);

export const leaderboard = examples(
  { input: s.leaderboardInput, output: s.leaderboardOutput },
  {
    request: { game: 'chess', limit: 3 },
    response: {
      items: board.slice(0, 3).map((p, i) => ({ rank: i + 1, userId: p.userId, username: p.username, rating: Math.round(p.rating), games: p.games })),
      nextCursor: Buffer.from(JSON.stringify([board[2]!.rating, board[2]!.userId, 3])).toString('base64url'),
    },
  },
);

export const elo = examples(
  { input: s.eloInput, output: s.eloOutput },
  {
    request: { userId: grace.userId },
    response: {
      items: [
        {
          game: 'chess',
          rating: Math.round(ratingsOfWin.a.after),
          exactRating: ratingsOfWin.a.after,
          games: 3,
          wins: 3,
          draws: 0,
          losses: 0,
          peak: Math.round(ratingsOfWin.a.after),
          history: [
            { at: at('2026-12-02T19:12:45.004Z'), rating: graceHistory[0]!, matchId: 'a3e1c5b7-9d2f-4a6c-8e0b-1f3d5b7a9c20', leagueId: earlierLeagueId },
            { at: at('2026-12-04T20:30:11.870Z'), rating: graceHistory[1]!, matchId: 'b4f2d6c8-0e3a-4b7d-9f1c-2a4e6c8b0d31', leagueId: earlierLeagueId },
            { at: won.recordedAt, rating: ratingsOfWin.a.after, matchId: won.id, leagueId },
          ],
        },
      ],
    },
  },
);

export const list = examples(
  { input: s.listLeaguesInput, output: s.leaguesOutput },
  { request: { game: 'chess', status: 'running', limit: 20 }, response: { items: [started], nextCursor: null } },
);

export const get = examples(
  { input: s.leagueIdInput, output: s.leagueDetailOutput },
  { request: { leagueId }, response: { league: started, participants, fixtures: fixtures.map((f) => (f.id === won.id ? won : f.id === drawn.id ? drawn : f)) } },
);
