// The "Create API key" modal: name, mode, scopes and rate limit; hands back the new key and its secret.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';
import type { Mode } from '../../../shared/schemas/developer';
import { describeProblem } from '../../components/errors';
import { useSignedIn } from '../../components/session';
import { trpc } from '../../trpc';

type CreatedKey = inferRouterOutputs<AppRouter>['developer']['createKey'];

interface FormProps {
  applicationId: string;
  /** The mode the form starts in: the page's (live, or test in test mode). */
  defaultMode?: Mode;
  onClose: () => void;
  onCreated: (created: CreatedKey) => void;
}

function CreateKeyForm({ applicationId, defaultMode = 'live', onClose, onCreated }: FormProps) {
  const { user } = useSignedIn();
  const utils = trpc.useUtils();
  const create = trpc.developer.createKey.useMutation();
  // The kernel's scopes and the loaded extensions'.
  const scopes = trpc.developer.scopes.useQuery(undefined, { staleTime: Infinity }).data?.items ?? [];
  const privileged = new Set(scopes.filter((s) => s.privileged).map((s) => s.scope));
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', mode: defaultMode, scopes: [] as string[], rateLimitPerMinute: 600 as number | string },
    validate: {
      name: (v: string) => (!v.trim() ? 'Enter a name' : v.trim().length > 100 ? 'Must be at most 100 characters' : null),
      scopes: (v: string[]) => (v.length ? null : 'Choose at least one scope'),
      rateLimitPerMinute: (v: number | string) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 100_000 ? null : 'Enter a whole number from 1 to 100,000',
    },
  });

  const adminOnly = (scope: string) => form.values.mode === 'live' && user.role !== 'admin' && privileged.has(scope);
  const changeMode = (mode: string) => {
    form.setFieldValue('mode', mode as Mode);
    // A live key of a non-administrator cannot hold privileged scopes: drop them rather than leave them ticked but off.
    if (mode === 'live' && user.role !== 'admin') {
      form.setFieldValue('scopes', form.values.scopes.filter((s) => !privileged.has(s)));
    }
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const created = await create.mutateAsync({
        applicationId,
        name: values.name.trim(),
        mode: values.mode,
        scopes: values.scopes,
        rateLimitPerMinute: Number(values.rateLimitPerMinute),
      });
      await utils.developer.keys.invalidate({ applicationId });
      onCreated(created);
    } catch (error) {
      const described = describeProblem(error);
      form.setErrors(described.fieldErrors);
      if (!Object.keys(described.fieldErrors).length) setProblem(described.message);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput label="Name" description="Where it is used, e.g. “Production backend”." required data-autofocus maxLength={100} {...form.getInputProps('name')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="key-mode-label">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="key-mode-label"
            data={[
              { value: 'live', label: 'Live' },
              { value: 'test', label: 'Test' },
            ]}
            value={form.values.mode}
            onChange={changeMode}
          />
          <Text size="xs" c="dimmed">
            A test key sees and changes only test-mode data, and may hold any scope. On a live key, scopes that act on
            other users’ data need an administrator.
          </Text>
        </Stack>
        <Checkbox.Group label="Scopes" description="What the key may do. Give it no more than it needs." required {...form.getInputProps('scopes')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="sm">
            {scopes.map(({ scope, description }) => (
              <Checkbox
                key={scope}
                value={scope}
                label={scope}
                disabled={adminOnly(scope)}
                description={adminOnly(scope) ? 'Live keys: administrators only' : description}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <NumberInput
          label="Rate limit"
          description="Requests per minute this key may make."
          suffix=" / min"
          min={1}
          max={100_000}
          allowDecimal={false}
          thousandSeparator=","
          w={220}
          {...form.getInputProps('rateLimitPerMinute')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface CreateKeyModalProps extends FormProps {
  opened: boolean;
}

export function CreateKeyModal({ opened, ...props }: CreateKeyModalProps) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Create API key" size="lg" centered>
      <CreateKeyForm {...props} />
    </Modal>
  );
}
