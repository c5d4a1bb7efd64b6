// The games registry and each game's result check against hand-made games.
import { describe, expect, it } from 'vitest';
import { findGame, games } from './index';
import { checkersLegalMoves } from './checkers';

const chess = findGame('chess')!;
const ttt = findGame('tic-tac-toe')!;
const checkers = findGame('checkers')!;

describe('registry', () => {
  it('holds the three games with the seed XP per game', () => {
    expect(games().map((g) => [g.code, g.xpPerGame])).toEqual([['chess', 20], ['tic-tac-toe', 5], ['checkers', 15]]);
  });
});

describe('chess', () => {
  const scholars = ['e4', 'e5', 'Qh5', 'Nc6', 'Bc4', 'Nf6', 'Qxf7#'];
  const fools = ['f3', 'e5', 'g4', 'Qh4#'];
  it('accepts checkmate for the side that gave it, from a move list (SAN or UCI)', () => {
    expect(chess.validateResult(scholars, 'a')).toEqual({ ok: true });
    expect(chess.validateResult(['f2f3', 'e7e5', 'g2g4', 'd8h4'], 'b')).toEqual({ ok: true });
  });
  it('refuses a claim the checkmate contradicts', () => {
    expect(chess.validateResult(scholars, 'b')).toMatchObject({ ok: false });
    expect(chess.validateResult(fools, 'draw')).toMatchObject({ ok: false });
  });
  it('refuses an illegal move, naming it', () => {
    const out = chess.validateResult(['e4', 'e5', 'Ke3'], 'a');
    expect(out).toEqual({ ok: false, reason: 'move 3 (Ke3) is not legal' });
  });
  it('refuses a game that has not ended on the board', () => {
    expect(chess.validateResult(['e4', 'e5'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('do not end') });
  });
  it('accepts stalemate and threefold repetition as draws', () => {
    const stalemate = 'e3 a5 Qh5 Ra6 Qxa5 h5 h4 Rah6 Qxc7 f6 Qxd7+ Kf7 Qxb7 Qd3 Qxb8 Qh7 Qxc8 Kg6 Qe6'.split(' ');
    expect(chess.validateResult(stalemate, 'draw')).toEqual({ ok: true });
    expect(chess.validateResult(stalemate, 'a')).toMatchObject({ ok: false });
    const repetition = ['Nf3', 'Nf6', 'Ng1', 'Ng8', 'Nf3', 'Nf6', 'Ng1', 'Ng8'];
    expect(chess.validateResult(repetition, 'draw')).toEqual({ ok: true });
  });
  it('reads a PGN and holds its Result tag to the claim', () => {
    const pgn = '[Event "Club"]\n[White "A"]\n[Black "B"]\n[Result "1-0"]\n\n1. e4 e5 2. Qh5 Nc6 3. Bc4 Nf6 4. Qxf7# 1-0';
    expect(chess.validateResult(pgn, 'a')).toEqual({ ok: true });
    expect(chess.validateResult(pgn.replaceAll('1-0', '0-1'), 'b')).toMatchObject({ ok: false });
    expect(chess.validateResult('1. e4 e5 2. Kz9', 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('PGN') });
  });
});

describe('tic-tac-toe', () => {
  it('knows a row, a column, a diagonal and a full board', () => {
    expect(ttt.validateResult(['a1', 'a2', 'b1', 'b2', 'c1'], 'a')).toEqual({ ok: true });
    expect(ttt.validateResult(['a1', 'b1', 'a2', 'b2', 'c3', 'b3'], 'b')).toEqual({ ok: true });
    expect(ttt.validateResult(['a1', 'a2', 'b2', 'a3', 'c3'], 'a')).toEqual({ ok: true });
    const full = ['a1', 'b1', 'c1', 'b2', 'a2', 'a3', 'c2', 'c3', 'b3'];
    expect(ttt.validateResult(full, 'draw')).toEqual({ ok: true });
    expect(ttt.validateResult(full, 'a')).toMatchObject({ ok: false });
  });
  it('refuses taken cells, unknown cells, moves after the end and unfinished games', () => {
    expect(ttt.validateResult(['a1', 'a1'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('taken') });
    expect(ttt.validateResult(['d4'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('not a cell') });
    expect(ttt.validateResult(['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('after the game ended') });
    expect(ttt.validateResult(['a1', 'a2'], 'draw')).toMatchObject({ ok: false });
    expect(ttt.validateResult('a1 a2', 'a')).toMatchObject({ ok: false });
  });
});

describe('checkers', () => {
  // A complete game (found by random play) in which player B takes or blocks every piece of A.
  const game = ['10-15', '23-19', '9-13', '19x10', '6x15', '24-20', '11-16', '20x11', '7x16', '21-17', '2-6', '27-24', '6-10', '24-20', '5-9', '20x11', '1-6', '26-23', '15-18', '23x14x7', '8x15', '7-2', '9-14', '2x9x18x11', '4-8', '11x4', '3-8', '4x11', '12-16', '11x20'];
  it('accepts the win of the side that left the other without a move', () => {
    expect(checkers.validateResult(game, 'b')).toEqual({ ok: true });
    expect(checkers.validateResult(game, 'a')).toMatchObject({ ok: false });
    expect(checkersLegalMoves(game)).toEqual([]);
  });
  it('enforces compulsory capture and complete jump sequences', () => {
    // After 10-15 23-19 9-13, B's only legal move is the capture 19x10.
    expect(checkersLegalMoves(['10-15', '23-19', '9-13'])).toEqual(['19x10']);
    expect(checkers.validateResult(['10-15', '23-19', '9-13', '24-20'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('compulsory') });
    // 23x14 alone stops while 14x7 is still available.
    const before = game.slice(0, 19);
    expect(checkersLegalMoves(before)).toContain('23x14x7');
    expect(checkers.validateResult([...before, '23x14'], 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('complete') });
  });
  it('refuses moves backwards for a man, onto taken squares and out of the board', () => {
    expect(checkers.validateResult(['11-7'], 'a')).toMatchObject({ ok: false });
    expect(checkers.validateResult(['11-15', '22-18', '15-11'], 'a')).toMatchObject({ ok: false });
    expect(checkers.validateResult(['11-40'], 'a')).toMatchObject({ ok: false, reason: expect.stringContaining('outside') });
    expect(checkers.validateResult(['e3-f4'], 'a')).toMatchObject({ ok: false });
  });
  it('calls a threefold repetition a draw (two kings shuffling), and not one move earlier', () => {
    const repeated = ['10-15', '22-18', '15x22', '26x17', '9-13', '24-19', '13x22', '25x18', '7-10', '18-15', '11x18', '23x14x7', '3x10', '27-23', '12-16', '19x12x3', '6-9', '21-17', '4-8', '3x12', '1-6', '28-24', '9-14', '23-18', '14x23', '31-26', '23-27', '32x23', '2-7', '12-16', '7-11', '16x7x14', '6-10', '14x7', '5-9', '17-14', '9x18x27', '26-22', '27-32', '24-19', '32-28', '30-25', '28-32', '22-17', '32-28', '19-15', '28-32', '7-2', '32-28', '2-7', '28-32', '7-2', '32-28', '2-7'];
    expect(checkers.validateResult(repeated, 'draw')).toEqual({ ok: true });
    expect(checkers.validateResult(repeated.slice(0, -1), 'draw')).toMatchObject({ ok: false });
  });
});
