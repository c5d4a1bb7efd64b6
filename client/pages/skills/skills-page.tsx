// /skills: the signed-in user's skills, totals and achievements, with the XP calculator;
// /skills/:userId: the same for any user (a public profile: levels and achievements are public).
import { Link, useParams } from 'react-router';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../../components/session';
import { trpc } from '../../trpc';
import { QueryState } from '../developer/query-state';
import { SectionCard } from '../developer/section-card';
import { AchievementsGrid } from './achievements-grid';
import { formatXp, SkillCards } from './skill-cards';
import { XpCalculator } from './xp-calculator';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card padding="md" aria-label={label} component="section">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}

export function SkillsPage() {
  const { user } = useSignedIn();
  const { userId = user.id } = useParams();
  const own = userId === user.id;
  const progress = trpc.skills.user.useQuery({ userId });

  if (!progress.data) {
    return (
      <Stack gap="lg">
        <Title order={1}>Skills</Title>
        <QueryState query={progress} label="Loading skills" />
      </Stack>
    );
  }
  const p = progress.data;
  const unlocked = p.achievements.filter((a) => a.unlocked);
  const points = unlocked.reduce((sum, a) => sum + a.points, 0);
  const allPoints = p.achievements.reduce((sum, a) => sum + a.points, 0);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{own ? 'Your skills' : `${p.username}’s skills`}</Title>
        <Text c="dimmed">
          {p.synthetic && 'A synthetic player of the demo data, not a person. '}
          {own ? 'Earn XP in ten skills; every level takes about 10% more XP than the one before.' : 'Levels and achievements are public.'}{' '}
          <Anchor component={Link} to={`/leaderboard?around=${userId}`}>
            {own ? 'See where you stand' : 'See them on the leaderboard'}
          </Anchor>
          .
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Stat label="Total level" value={String(p.totalLevel)} />
        <Stat label="Total XP" value={formatXp(p.totalXp)} />
        <Stat label="Achievement points" value={`${formatXp(points)} / ${formatXp(allPoints)}`} />
      </SimpleGrid>

      <SkillCards skills={p.skills} />

      <SectionCard
        title="Achievements"
        description={`${unlocked.length} of ${p.achievements.length} unlocked. Each unlocks once, the moment its condition is met.`}
      >
        <AchievementsGrid achievements={p.achievements} />
      </SectionCard>

      <XpCalculator />
    </Stack>
  );
}
