// "Report result": who won (or a draw) and, optionally, the moves that prove it. A player's report
// waits for the opponent's identical report; an administrator's is recorded at once.
import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeProblem, trpc } from '../../../client/extension-api';

interface RecordResultModalProps {
  leagueId: string;
  game: string;
  match: { playerA: string; playerB: string } | null;
  nameOf: (id: string | null) => string;
  onClose: () => void;
}

/** Moves as typed: a chess PGN stays one text; otherwise one move per line or separated by spaces. */
function parseMoves(game: string, text: string): string | string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (game === 'chess' && (trimmed.includes('[') || /\d+\./.test(trimmed))) return trimmed;
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

export function RecordResultModal({ leagueId, game, match, nameOf, onClose }: RecordResultModalProps) {
  const [result, setResult] = useState<'a' | 'draw' | 'b'>('a');
  const [moves, setMoves] = useState('');
  const [error, setError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const record = trpc.leagues.recordMatch.useMutation({
    onSuccess: (out) => {
      notifications.show({
        color: 'green',
        message: out.match.status === 'completed' ? 'Result recorded; ratings updated.' : 'Result reported; waiting for your opponent to confirm it.',
      });
      void utils.leagues.invalidate();
      onClose();
    },
    onError: (err) => setError(describeProblem(err).message),
  });
  if (!match) return null;
  const submit = () => {
    setError(null);
    record.mutate({ leagueId, playerA: match.playerA, playerB: match.playerB, result, moves: parseMoves(game, moves) });
  };
  return (
    <Modal opened onClose={onClose} title="Report result">
      <Stack>
        <Text size="sm">
          {nameOf(match.playerA)} v {nameOf(match.playerB)}
        </Text>
        <SegmentedControl
          aria-label="Result"
          value={result}
          onChange={(v) => setResult(v as typeof result)}
          data={[
            { value: 'a', label: `${nameOf(match.playerA)} won` },
            { value: 'draw', label: 'Draw' },
            { value: 'b', label: `${nameOf(match.playerB)} won` },
          ]}
        />
        <Textarea
          label="Moves (optional)"
          description={game === 'chess' ? 'A PGN or SAN moves (e4 e5 Qh5 …); the game must end in the result.' : game === 'checkers' ? 'Moves such as 11-15 23-19 15x24.' : 'Cells a1…c3 in order, X first.'}
          autosize
          minRows={2}
          value={moves}
          onChange={(e) => setMoves(e.currentTarget.value)}
        />
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={record.isPending}>
            Submit result
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
