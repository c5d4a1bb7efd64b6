// /swiper: pick a deck and swipe it (drag, the arrow keys, or the buttons), make a deck with the
// generator, and see your matches.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { describeProblem, QueryState, trpc, useSignedIn } from '../../../client/extension-api';
import { SwipeDeck } from './swipe-deck';

export default function SwiperPage() {
  const session = useSignedIn();
  const decks = trpc.swiper.decks.useQuery({ limit: 100 });
  const [deckId, setDeckId] = useState<string | null>(null);
  useEffect(() => {
    if (!deckId && decks.data?.items[0]) setDeckId(decks.data.items[0].id);
  }, [deckId, decks.data]);
  const deck = decks.data?.items.find((d) => d.id === deckId);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Profile Swiper</Title>
        <Text c="dimmed">Swipe right to like, left to pass, up (or ★) to super like. The arrow keys and the buttons work too.</Text>
      </div>
      <Card component="section" aria-label="Swipe">
        <QueryState query={decks} />
        {decks.data && (
          <Stack>
            <Group align="flex-end">
              <Select
                label="Deck"
                data={decks.data.items.map((d) => ({ value: d.id, label: `${d.name} (${d.cards})${d.synthetic ? ' · synthetic' : ''}` }))}
                value={deckId}
                onChange={setDeckId}
                allowDeselect={false}
                style={{ flex: 1 }}
              />
              {deck && session?.user.id === deck.ownerId && (
                <Button component={Link} to={`/swiper/decks/${deck.id}/analytics`} variant="light">
                  Analytics
                </Button>
              )}
            </Group>
            {deck?.synthetic && <Badge variant="light">Synthetic profiles, not people</Badge>}
            {deckId ? <SwipeDeck key={deckId} deckId={deckId} /> : <Text c="dimmed">No decks yet: generate one below.</Text>}
          </Stack>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <GenerateCard onCreated={setDeckId} />
        <MatchesCard />
      </SimpleGrid>
    </Stack>
  );
}

function GenerateCard({ onCreated }: { onCreated: (id: string) => void }) {
  const utils = trpc.useUtils();
  const generate = trpc.swiper.generateDeck.useMutation();
  const [name, setName] = useState('My synthetic deck');
  const [seed, setSeed] = useState('seed-1');
  const [count, setCount] = useState<number | string>(20);
  const submit = async () => {
    try {
      const deck = await generate.mutateAsync({
        name,
        seed,
        count: Number(count),
        attributes: [
          { key: 'city', values: [{ value: 'Lyon', weight: 3 }, { value: 'Paris', weight: 2 }, { value: 'Berlin', weight: 1 }] },
          { key: 'hobby', values: [{ value: 'chess', weight: 2 }, { value: 'music', weight: 2 }, { value: 'climbing', weight: 1 }] },
        ],
      });
      await utils.swiper.decks.invalidate();
      onCreated(deck.id);
    } catch {
      // shown below
    }
  };
  return (
    <Card component="section" aria-label="Generate a deck">
      <Title order={2} size="h3">Generate a deck</Title>
      <Text size="sm" c="dimmed" mb="sm">Synthetic profiles drawn from weighted lists; the same seed makes the same deck.</Text>
      <Stack gap="xs">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} />
        <Group grow>
          <TextInput label="Seed" value={seed} onChange={(e) => setSeed(e.currentTarget.value)} maxLength={100} />
          <NumberInput label="Profiles" value={count} onChange={setCount} min={1} max={500} />
        </Group>
        {generate.error && <Alert color="red">{describeProblem(generate.error).message}</Alert>}
        <Button onClick={submit} loading={generate.isPending}>Generate</Button>
      </Stack>
    </Card>
  );
}

function MatchesCard() {
  const matches = trpc.swiper.matches.useQuery({ limit: 20 });
  return (
    <Card component="section" aria-label="Matches">
      <Title order={2} size="h3" mb="sm">Matches</Title>
      <QueryState query={matches} />
      {matches.data && (matches.data.items.length === 0 ? <Text c="dimmed" size="sm">No matches yet.</Text> : (
        <Stack gap={4}>
          {matches.data.items.map((m) => (
            <Group key={m.id} justify="space-between">
              <Text>{m.username}</Text>
              <Badge variant="light">{m.kind === 'mutual' ? 'mutual' : 'liked back'}</Badge>
            </Group>
          ))}
        </Stack>
      ))}
    </Card>
  );
}
