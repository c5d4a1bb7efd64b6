// Achievements with their state: unlocked ones in their rarity's colour with the date, locked ones
// greyed out with a lock, so a user sees what there is still to earn.
import { Badge, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { UserProgress } from '../../../shared/schemas/skills';
import { formatDate } from '../../components/time-format';
import { iconFor, rarityColors } from './skill-icons';

type AchievementState = UserProgress['achievements'][number];

function AchievementCard({ achievement: a }: { achievement: AchievementState }) {
  const Icon = a.unlocked ? iconFor(a.icon) : IconLock;
  const color = rarityColors[a.rarity];
  return (
    <Card
      component="article"
      aria-label={`${a.name} achievement, ${a.unlocked ? 'unlocked' : 'locked'}`}
      padding="md"
      style={a.unlocked ? { borderColor: `var(--mantine-color-${color}-4)`, background: `var(--mantine-color-${color}-light)` } : { opacity: 0.6 }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant={a.unlocked ? 'filled' : 'light'} color={a.unlocked ? color : 'gray'} size="lg" radius="xl">
          <Icon size={18} />
        </ThemeIcon>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} justify="space-between" wrap="nowrap">
            <Text fw={600} truncate>
              {a.name}
            </Text>
            <Text size="sm" fw={600} c={a.unlocked ? color : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
              {a.points} pts
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {a.description}
          </Text>
          <Group gap={6} mt={6}>
            <Badge color={color} tt="capitalize" size="sm">
              {a.rarity}
            </Badge>
            <Text size="xs" c="dimmed">
              {a.unlocked && a.unlockedAt ? `Unlocked ${formatDate(a.unlockedAt)}` : 'Locked'}
            </Text>
          </Group>
        </div>
      </Group>
    </Card>
  );
}

export function AchievementsGrid({ achievements }: { achievements: AchievementState[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
      {achievements.map((a) => (
        <AchievementCard key={a.code} achievement={a} />
      ))}
    </SimpleGrid>
  );
}
