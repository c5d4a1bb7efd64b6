// The home page's progress, from one read (GET /api/progress): total level, XP this week, the streak
// and the rank at a glance, the next achievement within reach with its progress bar, and the actions
// the user can execute now, each a way into the page where it goes further.
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconBolt, IconFlame, IconPlayerPlay, IconStairsUp, IconTrophy, type Icon } from '@tabler/icons-react';
import type { ProgressSummary } from '../../../shared/schemas/progress';
import { trpc } from '../../trpc';
import { humanize } from '../actions/action-words';
import { QueryState } from '../developer/query-state';
import { formatXp } from '../skills/skill-cards';
import { iconFor, rarityColors } from '../skills/skill-icons';

/** How many available actions the card names; the rest are a link away. */
const ACTIONS_SHOWN = 6;

interface ProgressStatProps {
  label: string;
  value: string;
  detail: string;
  icon: Icon;
  to: string;
  tone?: string;
}

function ProgressStat({ label, value, detail, icon: IconComponent, to, tone }: ProgressStatProps) {
  return (
    <Card component={Link} to={to} style={{ color: 'inherit' }} aria-label={`${label}: ${value}, ${detail}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {value}
          </Text>
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        </div>
        <ThemeIcon size={42} radius="md" variant="light" color={tone}>
          <IconComponent size={22} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function streakDetail(streak: ProgressSummary['streak']): string {
  if (streak.activeToday) return 'Active today: keep it going tomorrow';
  if (streak.days > 0) return 'Run an action today to keep it';
  return 'Run an action to start one';
}

const unitWords: Record<NonNullable<ProgressSummary['nextAchievement']>['unit'], readonly [string, string]> = {
  xp: ['XP', 'XP'],
  level: ['level', 'levels'],
  skills: ['skill', 'skills'],
  actions: ['action', 'actions'],
};

function AchievementIcon({ name }: { name: string }) {
  const Component = iconFor(name);
  return <Component size={18} />;
}

function NextAchievementCard({ next, achievements }: { next: ProgressSummary['nextAchievement']; achievements: ProgressSummary['achievements'] }) {
  const counts = `${achievements.unlocked} of ${achievements.total} achievements unlocked`;
  return (
    <Card component="section" aria-label="Next achievement">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} size="h3">
            Next achievement
          </Title>
          <Text size="sm" c="dimmed">
            {counts}
          </Text>
        </div>
        <Anchor component={Link} to="/skills" size="sm">
          <Group gap={4}>
            All achievements <IconArrowRight size={14} />
          </Group>
        </Anchor>
      </Group>
      {next ? (
        <Stack gap="xs">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color={rarityColors[next.rarity]} size="lg" radius="xl">
              <AchievementIcon name={next.icon} />
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text fw={600}>{next.name}</Text>
                <Badge color={rarityColors[next.rarity]} size="sm" tt="capitalize">
                  {next.rarity}
                </Badge>
                <Text size="sm" c="dimmed">
                  {next.points} pts
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {next.description}
              </Text>
            </div>
          </Group>
          <Progress value={next.progress * 100} size="lg" aria-label={`${next.name} progress`} />
          <Text size="sm">
            {`${formatXp(Math.min(next.current, next.target))} of ${plural(next.target, ...unitWords[next.unit])} (${Math.floor(next.progress * 100)}%)`}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Every achievement is yours. There is nothing left to unlock.
        </Text>
      )}
    </Card>
  );
}

function AvailableActionsCard({ actions }: { actions: ProgressSummary['availableActions'] }) {
  return (
    <Card component="section" aria-label="Available now">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} size="h3">
            Available now
          </Title>
          <Text size="sm" c="dimmed">
            {actions.count === 0
              ? 'Every action is cooling down or done for today.'
              : `${actions.count.toLocaleString('en')} of ${plural(actions.total, 'action', 'actions')} ready to run now`}
          </Text>
        </div>
        <Button component={Link} to="/actions" variant="light" size="xs" leftSection={<IconPlayerPlay size={14} />}>
          Open actions
        </Button>
      </Group>
      <Stack gap={6} role="list" aria-label="Actions available now">
        {actions.items.slice(0, ACTIONS_SHOWN).map((a) => (
          <Group key={a.code} justify="space-between" wrap="nowrap" role="listitem">
            <Anchor component={Link} to={`/actions?category=${encodeURIComponent(a.category)}`} fw={500} truncate>
              {a.name}
            </Anchor>
            <Group gap={6} wrap="nowrap">
              {a.remainingToday !== null && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {a.remainingToday.toLocaleString('en')} left today
                </Text>
              )}
              <Badge variant="light" size="sm">
                {humanize(a.category)}
              </Badge>
            </Group>
          </Group>
        ))}
      </Stack>
      {actions.count > ACTIONS_SHOWN && (
        <Text size="sm" c="dimmed" mt="sm">
          and {plural(actions.count - ACTIONS_SHOWN, 'more', 'more')} on the Actions page.
        </Text>
      )}
    </Card>
  );
}

export function ProgressOverview({ userId }: { userId: string }) {
  const summary = trpc.progress.summary.useQuery(undefined, { refetchInterval: 60_000 });
  const p = summary.data;
  if (!p) {
    return (
      <Card>
        <QueryState query={summary} label="Loading your progress" />
      </Card>
    );
  }
  return (
    <Stack gap="lg" component="section" aria-label="Your progress">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <ProgressStat label="Total level" value={String(p.totalLevel)} detail={`${formatXp(p.totalXp)} XP in all`} icon={IconStairsUp} to="/skills" />
        <ProgressStat label="XP this week" value={formatXp(p.xpThisWeek)} detail={`${formatXp(p.xpToday)} today`} icon={IconBolt} to="/activity" tone="yellow" />
        <ProgressStat label="Streak" value={plural(p.streak.days, 'day', 'days')} detail={streakDetail(p.streak)} icon={IconFlame} to="/activity" tone="orange" />
        <ProgressStat
          label="Rank"
          value={p.rank ? `#${p.rank.rank.toLocaleString('en')}` : '—'}
          detail={p.rank ? `of ${p.rank.of.toLocaleString('en')} on the total board` : 'Earn XP to get on the board'}
          icon={IconTrophy}
          to={`/leaderboard?around=${userId}`}
          tone="grape"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <NextAchievementCard next={p.nextAchievement} achievements={p.achievements} />
        <AvailableActionsCard actions={p.availableActions} />
      </SimpleGrid>
    </Stack>
  );
}
