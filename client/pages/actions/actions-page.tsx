// /actions: the actions a user can execute, one tab per category (kept in ?category= so it can be
// linked). Only the open tab's cards are mounted, so only the visible actions are checked.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import type { Action } from '../../../shared/schemas/actions';
import { QueryState } from '../developer/query-state';
import { trpc } from '../../trpc';
import { ActionCard } from './action-card';
import { humanize } from './action-words';

/** Tabs in this order; any other category follows, alphabetically. */
const CATEGORY_ORDER = ['voting', 'social', 'development', 'security', 'trading'];

const rank = (category: string) => {
  const i = CATEGORY_ORDER.indexOf(category);
  return i === -1 ? CATEGORY_ORDER.length : i;
};

function byCategory(actions: Action[]): Array<[string, Action[]]> {
  const groups = new Map<string, Action[]>();
  for (const action of actions) {
    // The platform runs system-only actions itself (league results): nothing to press here.
    if (action.systemOnly) continue;
    groups.set(action.category, [...(groups.get(action.category) ?? []), action]);
  }
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function ActionsPage() {
  const actions = trpc.actions.list.useQuery();
  // Display names for the codes actions mention; both lists are small and public.
  const skills = trpc.skills.list.useQuery();
  const schedules = trpc.schedules.list.useQuery();
  const skillNames = useMemo(() => new Map(skills.data?.items.map((s) => [s.code, s.name])), [skills.data]);
  const scheduleNames = useMemo(() => new Map(schedules.data?.items.map((s) => [s.code, s.name])), [schedules.data]);
  const groups = useMemo(() => byCategory(actions.data?.items ?? []), [actions.data]);
  const [params, setParams] = useSearchParams();
  const requested = params.get('category');
  const category = groups.some(([c]) => c === requested) ? requested : (groups[0]?.[0] ?? null);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Actions</Title>
        <Text c="dimmed">
          Do things, earn XP and rewards. Each action has its own cooldown and daily limit; some follow a market’s
          opening hours.
        </Text>
      </div>
      {!actions.data ? (
        <QueryState query={actions} label="Loading actions" />
      ) : groups.length === 0 ? (
        <Text c="dimmed">No actions are defined yet.</Text>
      ) : (
        <Tabs
          value={category}
          onChange={(value) => value && setParams({ category: value }, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List mb="md" aria-label="Categories">
            {groups.map(([c, items]) => (
              <Tabs.Tab key={c} value={c}>
                {humanize(c)} ({items.length})
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {groups.map(([c, items]) => (
            <Tabs.Panel key={c} value={c}>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {items.map((action) => (
                  <ActionCard key={action.code} action={action} skillNames={skillNames} scheduleNames={scheduleNames} />
                ))}
              </SimpleGrid>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
