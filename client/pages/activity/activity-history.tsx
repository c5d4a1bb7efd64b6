// The user's executions, newest first, a page at a time ("Load more"): what ran, whether it
// succeeded, why not when it failed, and what its effects did.
import { useState } from 'react';
import { getQueryKey } from '@trpc/react-query';
import { Badge, Divider, Group, Select, Stack, Text } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { describeEffects, describeRefusal, humanize, type Names } from '../actions/action-words';
import { LoadMoreButton, useCursorPages } from '../developer/cursor-pages';
import { QueryState } from '../developer/query-state';
import { SectionCard } from '../developer/section-card';

const PAGE_SIZE = 20;

function useHistory(actionCode: string | null) {
  const { client } = trpc.useUtils();
  const input = { limit: PAGE_SIZE, ...(actionCode && { actionCode }) };
  return useCursorPages(getQueryKey(trpc.actions.history, input, 'infinite'), (cursor, signal) =>
    client.actions.history.query({ ...input, cursor }, { signal }),
  );
}

export function ActivityHistory({ actionNames, skillNames }: { actionNames: Names; skillNames: Names }) {
  const [actionCode, setActionCode] = useState<string | null>(null);
  const history = useHistory(actionCode);
  const nameOf = (code: string) => actionNames.get(code) ?? humanize(code);
  const filter = (
    <Select
      aria-label="Filter by action"
      placeholder="All actions"
      clearable
      searchable
      w={220}
      value={actionCode}
      onChange={setActionCode}
      data={[...actionNames].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label))}
    />
  );
  return (
    <SectionCard title="History" description="Every execution, newest first, with what it did." action={filter}>
      {!history.items ? (
        <QueryState query={history} label="Loading your history" />
      ) : history.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {actionCode ? 'No executions of this action yet.' : 'No executions yet: open Actions and execute one.'}
        </Text>
      ) : (
        <Stack gap={0} role="list" aria-label="Executions">
          {history.items.map((item, i) => {
            const effects = describeEffects(item.effects, skillNames);
            return (
              <div key={item.id} role="listitem" aria-label={`${nameOf(item.actionCode)}, ${item.status}`}>
                {i > 0 && <Divider my="xs" />}
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Group gap="xs">
                    <Text fw={600}>{nameOf(item.actionCode)}</Text>
                    <Badge color={item.status === 'succeeded' ? 'teal' : 'red'}>{item.status === 'succeeded' ? 'Succeeded' : 'Failed'}</Badge>
                    {item.freeUse && <Badge color="grape">Free use</Badge>}
                  </Group>
                  <Text size="sm" c="dimmed" title={formatDateTime(item.executedAt)}>
                    {formatRelative(item.executedAt)}
                  </Text>
                </Group>
                {item.status === 'failed' ? (
                  <Text size="sm" c="orange.8">
                    {describeRefusal(item.reason)}
                    {item.nextAvailableAt && ` — available again at ${formatDateTime(item.nextAvailableAt)}`}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {effects.length ? effects.join(' · ') : 'Recorded.'}
                  </Text>
                )}
              </div>
            );
          })}
        </Stack>
      )}
      <LoadMoreButton query={history} />
    </SectionCard>
  );
}
