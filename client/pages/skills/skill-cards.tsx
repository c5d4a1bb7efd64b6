// A user's ten skills as cards: icon, level, XP and a bar of the way to the next level.
import { Card, Group, Progress, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import type { UserProgress } from '../../../shared/schemas/skills';
import { MAX_LEVEL } from '../../../shared/xp';
import { iconFor } from './skill-icons';

type SkillProgress = UserProgress['skills'][number];

export const formatXp = (xp: number) => xp.toLocaleString('en');

function SkillCard({ skill }: { skill: SkillProgress }) {
  const Icon = iconFor(skill.icon);
  const maxed = skill.level >= MAX_LEVEL;
  return (
    <Card component="article" aria-label={`${skill.name} skill`} padding="md">
      <Group gap="sm" wrap="nowrap" mb="xs">
        <ThemeIcon variant="light" size="md" radius="md" color={skill.xp > 0 ? undefined : 'gray'}>
          <Icon size={16} />
        </ThemeIcon>
        <Text fw={600} size="sm" truncate>
          {skill.name}
        </Text>
      </Group>
      <Text fw={700} size="lg" lh={1.2}>
        Level <span aria-label={`${skill.name} level`}>{skill.level}</span>
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {formatXp(skill.xp)} XP
      </Text>
      <Stack gap={4}>
        <Progress
          value={skill.progress * 100}
          color={maxed ? 'yellow' : undefined}
          aria-label={`${skill.name} progress to the next level`}
        />
        <Text size="xs" c="dimmed">
          {maxed ? `Level ${MAX_LEVEL}, the highest level` : `${formatXp(skill.xpToNextLevel)} XP to level ${skill.level + 1}`}
        </Text>
      </Stack>
    </Card>
  );
}

export function SkillCards({ skills }: { skills: SkillProgress[] }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, lg: 5 }} spacing="md">
      {skills.map((s) => (
        <SkillCard key={s.code} skill={s} />
      ))}
    </SimpleGrid>
  );
}
