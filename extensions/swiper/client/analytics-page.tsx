// /swiper/decks/:deckId/analytics: a deck's like rates per card and attribute value (with their 95%
// Wilson intervals), swipes per day as a chart, and the swipes as CSV or JSON.
import { useState } from 'react';
import { useParams } from 'react-router';
import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { QueryState, trpc, useDocumentTitle } from '../../../client/extension-api';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export default function AnalyticsPage() {
  const { deckId = '' } = useParams();
  const [days, setDays] = useState('30');
  const deck = trpc.swiper.deck.useQuery({ deckId });
  const analytics = trpc.swiper.analytics.useQuery({ deckId, days: Number(days) });
  useDocumentTitle(deck.data ? `${deck.data.name} · analytics` : 'Deck analytics');
  const data = analytics.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{deck.data?.name ?? 'Deck'}: analytics</Title>
        <Text c="dimmed">Like rate = (right + super) / swipes, with its 95% Wilson interval. Live swipes only.</Text>
      </div>
      <QueryState query={analytics} />
      {data && (
        <>
          <Card component="section" aria-label="Totals">
            <Group justify="space-between">
              <Text>
                {data.totals.swipes} swipes · like rate {percent(data.totals.likeRate)} ({percent(data.totals.interval.low)}–{percent(data.totals.interval.high)})
              </Text>
              <Group>
                <Anchor href={`/api/ext/swiper/decks/${deckId}/swipes.csv`} download>Export CSV</Anchor>
                <Anchor href={`/api/ext/swiper/decks/${deckId}/swipes.json`} download>Export JSON</Anchor>
              </Group>
            </Group>
          </Card>
          <Card component="section" aria-label="Swipes per day">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3">Swipes per day</Title>
              <SegmentedControl value={days} onChange={setDays} data={['7', '30', '90']} aria-label="Days" />
            </Group>
            <LineChart h={220} data={data.series} dataKey="day" series={[{ name: 'right', color: 'pink.6' }, { name: 'super', color: 'yellow.6' }, { name: 'left', color: 'gray.6' }]} curveType="linear" />
          </Card>
          <Card component="section" aria-label="Cards">
            <Title order={2} size="h3" mb="sm">Cards</Title>
            <BarChart h={220} data={data.cards.slice(0, 30).map((c) => ({ name: c.name, likeRate: Math.round((c.likeRate ?? 0) * 1000) / 10 }))} dataKey="name" series={[{ name: 'likeRate', color: 'pink.6', label: 'Like rate (%)' }]} />
            <TallyTable rows={data.cards.map((c) => ({ ...c, key: c.cardId, label: c.name }))} label="Card" />
          </Card>
          <Card component="section" aria-label="Attributes">
            <Title order={2} size="h3" mb="sm">Attribute values</Title>
            <TallyTable rows={data.attributes.map((a) => ({ ...a, key: `${a.key}=${a.value}`, label: `${a.key}: ${a.value}` }))} label="Value" />
          </Card>
        </>
      )}
    </Stack>
  );
}

function TallyTable({ rows, label }: { rows: Array<{ key: string; label: string; swipes: number; left: number; right: number; super: number; likeRate: number | null; interval: { low: number; high: number } }>; label: string }) {
  return (
    <Table striped aria-label={`${label} like rates`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th>Swipes</Table.Th>
          <Table.Th>Right</Table.Th>
          <Table.Th>Super</Table.Th>
          <Table.Th>Like rate</Table.Th>
          <Table.Th>95% interval</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>{r.swipes}</Table.Td>
            <Table.Td>{r.right}</Table.Td>
            <Table.Td>{r.super}</Table.Td>
            <Table.Td>{percent(r.likeRate)}</Table.Td>
            <Table.Td>{percent(r.interval.low)}–{percent(r.interval.high)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
