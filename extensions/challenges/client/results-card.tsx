// Results: per entry the AI panel's median per criterion with its disagreement (spread and MAD),
// people's mean scores, pairwise wins and the challenge Elo; the suggestion, and the teacher's pick.
import { Alert, Badge, Button, Card, Table, Text, Title, Tooltip } from '@mantine/core';
import { describeProblem, QueryState, trpc } from '../../../client/extension-api';

export function ResultsCard({ challengeId, teacher, closed }: { challengeId: string; teacher: boolean; closed: boolean }) {
  const utils = trpc.useUtils();
  const results = trpc.challenges.results.useQuery({ challengeId });
  const pick = trpc.challenges.pickWinner.useMutation({ onSuccess: () => void utils.challenges.invalidate() });
  const data = results.data;
  return (
    <Card component="section" aria-label="Results">
      <Title order={2} size="h3">Results</Title>
      <Text size="sm" c="dimmed" mb="sm">The AI panel's median per criterion (± spread, MAD: how much its judges disagree). The suggestion is only a suggestion: the teacher picks.</Text>
      <QueryState query={results} />
      {data && (
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>Entry</Table.Th><Table.Th>AI panel</Table.Th><Table.Th>People</Table.Th><Table.Th>Pairwise</Table.Th><Table.Th>Elo</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r, i) => (
              <Table.Tr key={r.entryId}>
                <Table.Td>
                  {r.contestant ? (r.contestant.kind === 'model' ? r.contestant.name : r.contestant.username) : `Entry ${i + 1}`}{' '}
                  {r.entryId === data.suggestion && <Badge size="sm" variant="light">suggested</Badge>}
                  {r.entryId === data.winnerEntryId && <Badge size="sm" color="yellow">winner</Badge>}
                </Table.Td>
                <Table.Td>
                  {r.ai.total === null ? '—' : r.ai.total.toFixed(2)}
                  {Object.entries(r.ai.criteria).map(([k, a]) =>
                    a.median === null ? null : (
                      <Tooltip key={k} label={`${k}: median ${a.median}, spread ${a.spread}, MAD ${a.mad} (${a.n} judges)`}>
                        <Badge ml={4} size="sm" variant="outline" color={(a.spread ?? 0) >= 4 ? 'red' : 'gray'}>{k} {a.median}±{a.spread}</Badge>
                      </Tooltip>
                    ),
                  )}
                  {r.ai.failed > 0 && <Badge ml={4} size="sm" color="red">{r.ai.failed} failed</Badge>}
                </Table.Td>
                <Table.Td>{r.people.total === null ? '—' : `${r.people.total.toFixed(2)} (${r.people.judged})`}</Table.Td>
                <Table.Td>{r.pairwise.wins}–{r.pairwise.losses}–{r.pairwise.ties}</Table.Td>
                <Table.Td>{Math.round(r.pairwise.elo)}</Table.Td>
                <Table.Td>{teacher && !closed && <Button size="xs" onClick={() => pick.mutate({ challengeId, entryId: r.entryId })} loading={pick.isPending}>Pick as winner</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pick.error && <Alert color="red" mt="sm">{describeProblem(pick.error).message}</Alert>}
    </Card>
  );
}
