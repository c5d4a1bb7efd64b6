// The table of devices seen for the account, with Trust/Untrust, Rename and Forget per device.
// Forgetting this very device ends this session too, so it signs the user out.
import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconShieldCheck, IconShieldOff, IconTrash } from '@tabler/icons-react';
import type { Device } from '../../../shared/schemas/auth';
import { ConfirmModal } from '../../components/confirm-modal';
import { describeProblem } from '../../components/errors';
import { useLeaveSession } from '../../components/session';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { RenameDeviceModal } from './rename-device-modal';

const showError = (title: string) => (error: unknown) =>
  notifications.show({ color: 'red', title, message: describeProblem(error).message });

function TrustButton({ device }: { device: Device }) {
  const utils = trpc.useUtils();
  const options = { onSuccess: () => utils.auth.devices.invalidate(), onError: showError('Could not change trust') };
  const trust = trpc.auth.trustDevice.useMutation(options);
  const untrust = trpc.auth.untrustDevice.useMutation(options);
  const busy = trust.isPending || untrust.isPending;
  return device.trusted ? (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      leftSection={<IconShieldOff size={14} />}
      loading={busy}
      onClick={() => untrust.mutate({ deviceId: device.id })}
      aria-label={`Untrust ${device.label}`}
    >
      Untrust
    </Button>
  ) : (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconShieldCheck size={14} />}
      loading={busy}
      onClick={() => trust.mutate({ deviceId: device.id })}
      aria-label={`Trust ${device.label}`}
    >
      Trust
    </Button>
  );
}

export function DevicesTable({ devices }: { devices: Device[] }) {
  const utils = trpc.useUtils();
  const leave = useLeaveSession();
  const [renaming, setRenaming] = useState<Device | null>(null);
  const [forgetting, setForgetting] = useState<Device | null>(null);
  const forget = trpc.auth.forgetDevice.useMutation({ onError: showError('Could not forget the device') });

  const confirmForget = async () => {
    if (!forgetting) return;
    const wasCurrent = forgetting.current;
    try {
      await forget.mutateAsync({ deviceId: forgetting.id });
    } catch {
      return; // onError has told the user
    }
    setForgetting(null);
    if (wasCurrent) return leave('This device was forgotten, so its sessions, including this one, have ended.');
    await Promise.all([utils.auth.devices.invalidate(), utils.auth.sessions.invalidate(), utils.auth.alerts.invalidate()]);
  };

  if (!devices.length) {
    return (
      <Text size="sm" c="dimmed">
        No devices recorded yet. A device is recorded when you sign in from it.
      </Text>
    );
  }

  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover style={{ whiteSpace: 'nowrap' }} aria-label="Devices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>First seen</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th ta="right">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((device) => (
              <Table.Tr key={device.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm" fw={500}>
                      {device.label}
                    </Text>
                    {device.current && <Badge color="indigo">This device</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={device.trusted ? 'teal' : 'gray'}>{device.trusted ? 'Trusted' : 'Not trusted'}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(device.firstSeenAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={formatDateTime(device.lastSeenAt)}>
                    {formatRelative(device.lastSeenAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <TrustButton device={device} />
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setRenaming(device)}
                      aria-label={`Rename ${device.label}`}
                    >
                      Rename
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={() => setForgetting(device)}
                      aria-label={`Forget ${device.label}`}
                    >
                      Forget
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <RenameDeviceModal device={renaming} onClose={() => setRenaming(null)} />
      <ConfirmModal
        opened={forgetting !== null}
        title="Forget this device?"
        confirmLabel="Forget device"
        loading={forget.isPending}
        onConfirm={() => void confirmForget()}
        onClose={() => setForgetting(null)}
      >
        {forgetting?.current
          ? 'This is the device you are using. Forgetting it ends its sessions, so you will be signed out here.'
          : `“${forgetting?.label ?? ''}” will be removed and every session on it ends now. Its next sign-in counts as a new device.`}
      </ConfirmModal>
    </>
  );
}
