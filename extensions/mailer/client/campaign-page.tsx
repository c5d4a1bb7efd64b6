// /mailer/campaigns/:campaignId: one campaign with its code batches and deliveries.
import { Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { describeProblem, formatDate, trpc } from '../../../client/extension-api';
import { BatchesCard } from './batches-card';
import { DeliveriesCard } from './deliveries-card';
import { describeBenefit } from './inventory-card';

export default function CampaignPage() {
  const { campaignId = '' } = useParams();
  const campaign = trpc.mailer.campaign.useQuery({ campaignId });
  if (!campaign.data) {
    return campaign.isPending ? <Loader aria-label="Loading" /> : <Text c="red">{describeProblem(campaign.error).message}</Text>;
  }
  const c = campaign.data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/mailer" size="sm">
          ← Campaigns
        </Anchor>
        <Group>
          <Title order={1}>{c.name}</Title>
          <Badge variant="light">{c.period.replace('_', '-')}</Badge>
        </Group>
        <Text c="dimmed">
          {formatDate(c.startsAt)} – {formatDate(c.endsAt)} · {c.benefits.map(describeBenefit).join(', ')} · {c.redemptionsCount}
          {c.maxRedemptions !== null ? ` of ${c.maxRedemptions}` : ''} redeemed
        </Text>
      </div>
      <BatchesCard campaignId={c.id} />
      <DeliveriesCard campaignId={c.id} />
    </Stack>
  );
}
