// The passkeys of the account, on the devices & security page: add one (a name, the password
// again, then the browser makes it), rename, remove (the password again), and require one after the
// password at sign-in (the second factor, the password again).
import { useState } from 'react';
import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { IconKey, IconPencil, IconTrash } from '@tabler/icons-react';
import type { Passkey } from '../../../shared/schemas/passkeys';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { createPasskey } from '../sign-in/passkey-ceremony';
import { PasskeyFormModal, type PasskeyFormRequest } from './passkey-form-modal';

export function PasskeysSection({ passkeys, secondFactor }: { passkeys: Passkey[]; secondFactor: boolean }) {
  const utils = trpc.useUtils();
  const [request, setRequest] = useState<PasskeyFormRequest | null>(null);
  const startRegistration = trpc.auth.passkeyRegistrationOptions.useMutation();
  const register = trpc.auth.registerPasskey.useMutation();
  const rename = trpc.auth.renamePasskey.useMutation();
  const remove = trpc.auth.removePasskey.useMutation();
  const setSecondFactor = trpc.auth.setPasskeySecondFactor.useMutation();
  const refresh = () => utils.auth.passkeys.invalidate();

  const add = () =>
    setRequest({
      title: 'Add a passkey',
      description: 'Name it after the device or key that holds it. Your browser then asks you to create it.',
      name: '',
      password: true,
      submitLabel: 'Create passkey',
      run: async ({ name, password }) => {
        const { options } = await startRegistration.mutateAsync({ password });
        const response = await createPasskey(options);
        await register.mutateAsync({ name, response });
        await refresh();
      },
    });
  const renameOne = (passkey: Passkey) =>
    setRequest({
      title: 'Rename passkey',
      name: passkey.name,
      submitLabel: 'Save',
      run: async ({ name }) => {
        await rename.mutateAsync({ passkeyId: passkey.id, name });
        await refresh();
      },
    });
  const removeOne = (passkey: Passkey) =>
    setRequest({
      title: 'Remove passkey',
      description: `“${passkey.name}” will no longer sign in to your account.${passkeys.length === 1 && secondFactor ? ' It is your last passkey, so sign-in will no longer ask for one.' : ''}`,
      password: true,
      submitLabel: 'Remove',
      danger: true,
      run: async ({ password }) => {
        await remove.mutateAsync({ passkeyId: passkey.id, password });
        await refresh();
      },
    });
  const toggleSecondFactor = (enabled: boolean) =>
    setRequest({
      title: enabled ? 'Require a passkey at sign-in' : 'Stop requiring a passkey',
      description: enabled
        ? 'After your password, signing in will also ask for one of your passkeys.'
        : 'Your password alone will sign you in again.',
      password: true,
      submitLabel: enabled ? 'Require a passkey' : 'Stop requiring',
      run: async ({ password }) => {
        await setSecondFactor.mutateAsync({ enabled, password });
        await refresh();
      },
    });

  return (
    <>
      <Group justify="space-between" mb="md">
        <Switch
          label="Require a passkey after my password"
          checked={secondFactor}
          disabled={passkeys.length === 0 && !secondFactor}
          onChange={(event) => toggleSecondFactor(event.currentTarget.checked)}
        />
        <Button leftSection={<IconKey size={16} />} onClick={add}>
          Add a passkey
        </Button>
      </Group>
      {passkeys.length === 0 ? (
        <Text size="sm" c="dimmed">
          No passkeys yet. A passkey signs you in with your device’s screen lock or a security key, without a password.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" aria-label="Passkeys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {passkeys.map((passkey) => (
                <Table.Tr key={passkey.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {passkey.name}
                      </Text>
                      {passkey.backedUp && (
                        <Badge size="xs" variant="light">
                          Synced
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(passkey.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{passkey.lastUsedAt ? formatRelative(passkey.lastUsedAt) : 'Never'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => renameOne(passkey)} aria-label={`Rename ${passkey.name}`}>
                        Rename
                      </Button>
                      <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => removeOne(passkey)} aria-label={`Remove ${passkey.name}`}>
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PasskeyFormModal request={request} onClose={() => setRequest(null)} />
    </>
  );
}
