// /coupons: redeem a mailer's code, see what you hold, and where mailers are sent.
import { Stack, Text, Title } from '@mantine/core';
import { AddressCard } from './address-card';
import { InventoryCard } from './inventory-card';
import { RedeemCard } from './redeem-card';

export default function CouponsPage() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Coupons</Title>
        <Text c="dimmed">Redeem codes from CalOS mailers for XP boosts and free actions.</Text>
      </div>
      <RedeemCard />
      <InventoryCard />
      <AddressCard />
    </Stack>
  );
}
