// What the user holds: XP boosts (with the time left, or when a queued one starts), free actions,
// the codes actions granted them (by their last 4 characters) and the coupons they redeemed.
import { Badge, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { Benefit } from '../../../shared/schemas/benefits';
import { describeProblem, formatDateTime, formatRelative, trpc } from '../../../client/extension-api';
import { formatTimeLeft } from './time-left';

export const describeBenefit = (b: Benefit) =>
  b.type === 'xp_boost'
    ? `${b.multiplier}× XP for ${b.hours} h${b.skill ? ` (${b.skill})` : ''}`
    : b.type === 'free_action'
      ? `${b.uses} free ${b.actionCode}`
      : `${b.xp} XP in ${b.skill}`;

export function InventoryCard() {
  const inventory = trpc.mailer.inventory.useQuery(undefined, { refetchInterval: 60_000 });
  if (!inventory.data) {
    return <Card>{inventory.isPending ? <Loader size="sm" aria-label="Loading" /> : <Text c="red">{describeProblem(inventory.error).message}</Text>}</Card>;
  }
  const { activeBoosts, freeActions, coupons, grantedCodes } = inventory.data;
  return (
    <Card component="section" aria-label="Your inventory">
      <Title order={2} size="h3" mb="md">
        Your inventory
      </Title>
      <Stack>
        <div>
          <Text fw={600}>XP boosts</Text>
          {activeBoosts.length === 0 ? (
            <Text size="sm" c="dimmed">No boost running.</Text>
          ) : (
            <Stack gap={4}>
              {activeBoosts.map((b) => (
                <Group key={b.id} gap="xs">
                  <Badge color={b.active ? 'grape' : 'gray'}>{b.multiplier}× XP</Badge>
                  <Text size="sm">{b.skill ?? 'all skills'}</Text>
                  <Text size="sm" c="dimmed">
                    {b.active ? `${formatTimeLeft(b.secondsLeft)} left` : `starts ${formatRelative(b.startsAt)}`}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <div>
          <Text fw={600}>Free actions</Text>
          {freeActions.length === 0 ? (
            <Text size="sm" c="dimmed">None. A free action skips an action’s cooldown or daily limit.</Text>
          ) : (
            <Group gap="xs">
              {freeActions.map((f) => (
                <Badge key={f.actionCode} variant="light">
                  {f.actionCode}: {f.usesLeft} left
                </Badge>
              ))}
            </Group>
          )}
        </div>
        {grantedCodes.length > 0 && (
          <div>
            <Text fw={600}>Granted codes</Text>
            <Text size="sm" c="dimmed">
              Each code was shown once, when it was granted; only its last characters are kept.
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Campaign</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Expires</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {grantedCodes.map((g) => (
                    <Table.Tr key={g.couponId}>
                      <Table.Td ff="monospace">••••-••••-{g.codeHint}</Table.Td>
                      <Table.Td>{g.campaignName}</Table.Td>
                      <Table.Td>
                        <Badge color={g.status === 'unused' ? 'teal' : 'gray'} variant="light">{g.status}</Badge>
                      </Table.Td>
                      <Table.Td>{formatDateTime(g.expiresAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        )}
        <div>
          <Text fw={600}>Redeemed coupons</Text>
          {coupons.length === 0 ? (
            <Text size="sm" c="dimmed">None yet.</Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Campaign</Table.Th>
                    <Table.Th>Benefits</Table.Th>
                    <Table.Th>Redeemed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {coupons.map((c) => (
                    <Table.Tr key={c.redemptionId}>
                      <Table.Td>{c.campaignName}</Table.Td>
                      <Table.Td>{c.benefits.map(describeBenefit).join(', ')}</Table.Td>
                      <Table.Td>{formatDateTime(c.redeemedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      </Stack>
    </Card>
  );
}
