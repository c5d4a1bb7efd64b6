// The one modal of the passkeys section: a name, the account password, or both, then an action
// (add, rename, remove, the second factor). A wrong password shows under its field; anything else,
// including the browser's refusal to make a passkey, above the buttons.
import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { describeProblem } from '../../components/errors';
import { revealToggleProps } from '../../components/guest-layout';
import { passkeyProblem } from '../sign-in/passkey-ceremony';

export interface PasskeyFormRequest {
  title: string;
  description?: string;
  /** Asks for a name, starting from this one. */
  name?: string;
  /** Asks for the account password again. */
  password?: boolean;
  submitLabel: string;
  danger?: boolean;
  run: (values: { name: string; password: string }) => Promise<unknown>;
}

function PasskeyForm({ request, onClose }: { request: PasskeyFormRequest; onClose: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: request.name ?? '', password: '' },
    validate: {
      name: (v: string) =>
        request.name === undefined ? null : !v.trim() ? 'Enter a name' : v.trim().length > 100 ? 'Must be at most 100 characters' : null,
      password: (v: string) => (request.password && !v ? 'Enter your password' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setBusy(true);
    try {
      await request.run({ name: values.name.trim(), password: values.password });
      onClose();
    } catch (error) {
      const described = describeProblem(error);
      if (described.details.reason === 'WRONG_PASSWORD') form.setErrors({ password: 'Wrong password' });
      else if (described.fieldErrors.name) form.setErrors({ name: described.fieldErrors.name });
      else setProblem(passkeyProblem(error) ?? described.message);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {request.description && <Text size="sm">{request.description}</Text>}
        {request.name !== undefined && (
          <TextInput label="Passkey name" placeholder="e.g. Laptop" data-autofocus maxLength={100} {...form.getInputProps('name')} />
        )}
        {request.password && (
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            visibilityToggleButtonProps={revealToggleProps}
            data-autofocus={request.name === undefined || undefined}
            {...form.getInputProps('password')}
          />
        )}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" color={request.danger ? 'red' : undefined} loading={busy}>
            {request.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PasskeyFormModal({ request, onClose }: { request: PasskeyFormRequest | null; onClose: () => void }) {
  return (
    <Modal opened={request !== null} onClose={onClose} title={request?.title} centered>
      {request && <PasskeyForm key={request.title} request={request} onClose={onClose} />}
    </Modal>
  );
}
