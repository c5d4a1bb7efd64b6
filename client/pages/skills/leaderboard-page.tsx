// /leaderboard: a board (total level, or one skill) from the top, a page of 50 at a time, or around a
// user (?around=<userId>, "Jump to me") with their exact rank and that user's row highlighted.
// The board and the user sit in the URL, so a view can be shared and Back works.
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBarToUp, IconCurrentLocation, IconInfoCircle } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import type { LeaderboardEntry } from '../../../shared/schemas/skills';
import { useSignedIn } from '../../components/session';
import { trpc } from '../../trpc';
import { LoadMoreButton, useCursorPages } from '../developer/cursor-pages';
import { QueryState } from '../developer/query-state';
import { formatXp } from './skill-cards';

const PAGE = 50;

interface BoardPage {
  items: LeaderboardEntry[];
  nextCursor: string | null;
  you?: LeaderboardEntry | null;
}

export function LeaderboardPage() {
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const board = params.get('board') ?? 'total';
  const around = params.get('around') ?? undefined;
  const skills = trpc.skills.list.useQuery();
  const { client } = trpc.useUtils();

  // The first page is the top (or the user and their neighbours); later pages follow its cursor.
  const pages = useCursorPages<LeaderboardEntry>(
    getQueryKey(trpc.skills.leaderboard, { skill: board, around }, 'infinite'),
    (cursor, signal): Promise<BoardPage> =>
      client.skills.leaderboard.query(cursor ? { skill: board, limit: PAGE, cursor } : { skill: board, limit: PAGE, around }, { signal }),
  );
  const first = pages.data?.pages[0] as BoardPage | undefined;
  const you = first?.you;
  const aroundMe = around === user.id;
  const total = board === 'total';

  const show = (next: { board?: string; around?: string | null }) => {
    const query: Record<string, string> = {};
    const nextBoard = next.board ?? board;
    if (nextBoard !== 'total') query.board = nextBoard;
    const nextAround = next.around === undefined ? around : next.around;
    if (nextAround) query.around = nextAround;
    setParams(query);
  };

  const boards = [
    { value: 'total', label: 'Total level' },
    ...(skills.data?.items.map((s) => ({ value: s.code, label: s.name })) ?? []),
  ];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Leaderboard</Title>
        <Text c="dimmed">Ranked by XP; ties go to whoever got there first. The total board ranks by total level, then total XP.</Text>
      </div>

      <Card>
        <Group justify="space-between" align="flex-end" mb="md">
          <Select
            label="Board"
            data={boards}
            value={board}
            onChange={(value) => value && show({ board: value })}
            allowDeselect={false}
            w={240}
          />
          <Group gap="xs">
            {around && (
              <Button variant="default" leftSection={<IconArrowBarToUp size={16} />} onClick={() => show({ around: null })}>
                Top of the board
              </Button>
            )}
            <Button leftSection={<IconCurrentLocation size={16} />} onClick={() => show({ around: user.id })}>
              Jump to me
            </Button>
          </Group>
        </Group>

        {around && first && (
          you ? (
            <Text mb="sm" role="status">
              {aroundMe ? 'You are' : `${you.username} is`} <b>#{you.rank.toLocaleString('en')}</b> on this board, at{' '}
              {total ? 'total level' : 'level'} {you.level} with {formatXp(you.xp)} XP.
            </Text>
          ) : (
            <Alert icon={<IconInfoCircle />} color="yellow" mb="sm" role="status" title={aroundMe ? 'You are not on this board yet' : 'Not on this board yet'}>
              {aroundMe ? 'You have' : 'This user has'} no XP {total ? 'in any skill' : 'in this skill'}, so {aroundMe ? 'you have' : 'they have'} no rank here.
              A board lists only users with XP on it.
            </Alert>
          )
        )}

        {!pages.items ? (
          <QueryState query={pages} label="Loading the leaderboard" />
        ) : pages.items.length === 0 && !around ? (
          <Text c="dimmed">Nobody has XP on this board yet.</Text>
        ) : pages.items.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs" aria-label="Leaderboard" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Rank</Table.Th>
                  <Table.Th>Player</Table.Th>
                  <Table.Th ta="right">{total ? 'Total level' : 'Level'}</Table.Th>
                  <Table.Th ta="right">XP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.items.map((e) => {
                  const highlighted = e.userId === around;
                  return (
                    <Table.Tr
                      key={e.userId}
                      aria-current={highlighted ? 'true' : undefined}
                      bg={highlighted ? 'var(--mantine-primary-color-light)' : undefined}
                      fw={highlighted ? 700 : undefined}
                    >
                      <Table.Td>#{e.rank.toLocaleString('en')}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/skills/${e.userId}`} fw={highlighted ? 700 : 500}>
                          {e.username}
                        </Anchor>
                        {e.userId === user.id && (
                          <Text span size="xs" c="dimmed" ml={6}>
                            (you)
                          </Text>
                        )}
                        {e.synthetic && (
                          <Badge size="xs" variant="outline" color="gray" ml={6} title="A synthetic player of the demo data, not a person">
                            synthetic
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{e.level}</Table.Td>
                      <Table.Td ta="right">{formatXp(e.xp)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMoreButton query={pages} />
      </Card>
    </Stack>
  );
}
