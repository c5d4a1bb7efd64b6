// /mailer: the operator's campaigns (admins), with their budget use, and a form for a new one.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeProblem, formatDate, trpc } from '../../../client/extension-api';
import { CampaignFormModal } from './campaign-form-modal';
import { describeBenefit } from './inventory-card';

export default function CampaignsPage() {
  const [creating, setCreating] = useState(false);
  const campaigns = trpc.mailer.campaigns.useQuery({ limit: 100 });
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={1}>Mailer campaigns</Title>
          <Text c="dimmed">Physical mailings with coupon codes: campaigns, code batches and deliveries.</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          New campaign
        </Button>
      </Group>
      <Card>
        {!campaigns.data ? (
          campaigns.isPending ? <Loader size="sm" aria-label="Loading" /> : <Text c="red">{describeProblem(campaigns.error).message}</Text>
        ) : campaigns.data.items.length === 0 ? (
          <Text c="dimmed">No campaigns yet.</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th>Dates</Table.Th>
                  <Table.Th>Benefits</Table.Th>
                  <Table.Th>Redeemed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/mailer/campaigns/${c.id}`}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{c.period.replace('_', '-')}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {formatDate(c.startsAt)} – {formatDate(c.endsAt)}
                    </Table.Td>
                    <Table.Td>{c.benefits.map(describeBenefit).join(', ')}</Table.Td>
                    <Table.Td>
                      {c.redemptionsCount}
                      {c.maxRedemptions !== null ? ` / ${c.maxRedemptions}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <CampaignFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
