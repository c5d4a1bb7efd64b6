// "Start a challenge" about a name, and the challenges about it: links to the code-challenges extension's pages with the
// name as the challenge's subject and a prefilled title and prompt (its page takes them from the
// URL; nothing of that extension is imported). Rewards there are XP, coupons or achievements.
import { Link } from 'react-router';
import { Anchor, Group, Text } from '@mantine/core';

const kinds = [
  { key: 'tagline', label: 'best tagline', title: (n: string) => `Best tagline for ${n}`, prompt: (n: string) => `Write the best tagline for the domain ${n}: one line, at most 80 characters, that says what a site at this name offers.` },
  { key: 'logo', label: 'best logo brief', title: (n: string) => `Best logo brief for ${n}`, prompt: (n: string) => `Write the best logo brief for the domain ${n}: audience, mood, colours and what the mark should suggest, in at most 150 words.` },
];

export function challengeUrl(domain: { id: string; name: string }, kind: (typeof kinds)[number]) {
  const query = new URLSearchParams({ subjectType: 'domain', subjectId: domain.id, subjectLabel: domain.name, title: kind.title(domain.name), prompt: kind.prompt(domain.name) });
  return `/challenges/new?${query.toString()}`;
}

export function ChallengeLinks({ domain }: { domain: { id: string; name: string } }) {
  return (
    <Group gap="xs">
      <Text size="sm">Start a challenge:</Text>
      {kinds.map((k) => (
        <Anchor key={k.key} component={Link} to={challengeUrl(domain, k)} size="sm">{k.label}</Anchor>
      ))}
      <Text size="sm" c="dimmed">·</Text>
      <Anchor component={Link} to={`/challenges?${new URLSearchParams({ subjectType: 'domain', subjectId: domain.id, subjectLabel: domain.name })}`} size="sm">
        challenges about this name
      </Anchor>
    </Group>
  );
}
