// The home page's list of unacknowledged security alerts (signs that a device was spoofed), each
// with what was noticed and an Acknowledge button.
import { Badge, Button, Card, Group, List, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellRinging, IconShieldCheck } from '@tabler/icons-react';
import type { Alert, Device } from '../../../shared/schemas/auth';
import { describeProblem } from '../../components/errors';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';

const OPEN_ALERTS = { unacknowledged: true, limit: 20 } as const;

export function useOpenAlerts() {
  return trpc.auth.alerts.useQuery(OPEN_ALERTS);
}

const kindLabels: Record<Alert['kind'], string> = {
  TIMEZONE_CHANGED: 'Time zone changed',
  HARDWARE_CHANGED: 'Hardware changed',
  SIGNALS_INCONSISTENT: 'Inconsistent device signals',
};
const severityColors: Record<Alert['severity'], string> = { low: 'gray', medium: 'orange', high: 'red' };

function AlertItem({ alert, deviceLabel }: { alert: Alert; deviceLabel: string | undefined }) {
  const utils = trpc.useUtils();
  const acknowledge = trpc.auth.acknowledgeAlert.useMutation({
    onSuccess: () => utils.auth.alerts.invalidate(),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not acknowledge', message: describeProblem(error).message }),
  });
  return (
    <Card withBorder shadow="none" padding="sm" component="li" aria-label={kindLabels[alert.kind]}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {kindLabels[alert.kind]}
            </Text>
            <Badge size="sm" color={severityColors[alert.severity]}>
              {alert.severity}
            </Badge>
          </Group>
          <List size="sm" c="dimmed" spacing={2}>
            {alert.details.reasons.map((reason, i) => (
              <List.Item key={i}>{reason.message}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" title={formatDateTime(alert.createdAt)}>
            {deviceLabel ?? 'A forgotten device'} · {formatRelative(alert.createdAt)}
          </Text>
        </Stack>
        <Button
          size="xs"
          variant="light"
          style={{ flexShrink: 0 }}
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate({ alertId: alert.id })}
        >
          Acknowledge
        </Button>
      </Group>
    </Card>
  );
}

export function SecurityAlertsCard({ devices }: { devices: Device[] }) {
  const alerts = useOpenAlerts();
  const items = alerts.data?.items ?? [];
  return (
    <Card>
      <Group gap="xs" mb="md">
        <IconBellRinging size={20} stroke={1.6} />
        <Text fw={600} component="h2" size="lg" m={0}>
          Security alerts
        </Text>
        {items.length > 0 && <Badge color="orange">{items.length}</Badge>}
      </Group>
      {alerts.isPending ? (
        <Loader size="sm" aria-label="Loading alerts" />
      ) : alerts.isError ? (
        <Text size="sm" c="red">
          {describeProblem(alerts.error).message}
        </Text>
      ) : items.length === 0 ? (
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color="teal" variant="light" radius="xl">
            <IconShieldCheck size={16} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            Nothing unusual. We will tell you here if a device looks spoofed.
          </Text>
        </Group>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Open security alerts">
          {items.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              deviceLabel={devices.find((d) => d.id === alert.deviceId)?.label}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
