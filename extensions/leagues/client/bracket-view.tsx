// The knockout bracket: one column per round, each match a card with the winner in bold.
import { Badge, Card, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { Fixture } from './fixtures-table';

function roundName(round: number, totalRounds: number): string {
  const fromEnd = totalRounds - round;
  if (fromEnd === 0) return 'Final';
  if (fromEnd === 1) return 'Semi-finals';
  if (fromEnd === 2) return 'Quarter-finals';
  return `Round ${round}`;
}

export function BracketView({ fixtures, totalRounds, nameOf }: { fixtures: Fixture[]; totalRounds: number; nameOf: (id: string | null) => string }) {
  const rounds = Array.from({ length: totalRounds }, (_, i) => fixtures.filter((f) => f.round === i + 1));
  return (
    <ScrollArea>
      <Group align="stretch" wrap="nowrap" gap="lg" aria-label="Bracket">
        {rounds.map((matches, i) => (
          <Stack key={i} gap="sm" justify="space-around" miw={200}>
            <Text fw={600} size="sm" c="dimmed">
              {roundName(i + 1, totalRounds)}
            </Text>
            {matches.length === 0 && (
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  Waiting for the round before
                </Text>
              </Card>
            )}
            {matches.map((m) => {
              const winner = m.status === 'bye' ? m.playerA : m.result === 'a' ? m.playerA : m.result === 'b' ? m.playerB : null;
              return (
                <Card key={m.id} withBorder padding="sm" aria-label={`Match ${nameOf(m.playerA)} v ${nameOf(m.playerB)}`}>
                  {[m.playerA, m.playerB].map((p, j) => (
                    <Group key={j} justify="space-between" gap="xs">
                      <Text size="sm" fw={winner && p === winner ? 700 : 400} c={p ? undefined : 'dimmed'}>
                        {p ? nameOf(p) : 'bye'}
                      </Text>
                      {winner && p === winner && (
                        <Badge size="xs" color="green" variant="light">
                          {m.status === 'bye' ? 'through' : 'won'}
                        </Badge>
                      )}
                    </Group>
                  ))}
                </Card>
              );
            })}
          </Stack>
        ))}
      </Group>
    </ScrollArea>
  );
}
