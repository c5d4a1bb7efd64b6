// A delivery's status as a coloured badge: pending, retrying, succeeded, failed or cancelled.
import { Badge } from '@mantine/core';
import type { Delivery } from '../../../shared/schemas/webhooks';

export const deliveryStatusColors: Record<Delivery['status'], string> = {
  pending: 'blue',
  retrying: 'yellow',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

export function DeliveryStatusBadge({ status }: { status: Delivery['status'] }) {
  return <Badge miw="max-content" color={deliveryStatusColors[status]}>{status}</Badge>;
}
