// The "Add endpoint" modal: URL, event types ("*" for all), mode and description; hands back the new signing secret.
import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';
import type { Mode } from '../../../shared/schemas/developer';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

type Registered = inferRouterOutputs<AppRouter>['webhooks']['register'];

export const ALL_EVENTS = '*';

function useEventOptions() {
  const types = trpc.webhooks.eventTypes.useQuery(undefined, { staleTime: Infinity });
  const descriptions = new Map<string, string>([[ALL_EVENTS, 'Every event type, including ones added later.']]);
  for (const item of types.data?.items ?? []) descriptions.set(item.type, item.description);
  const data = [
    { value: ALL_EVENTS, label: 'All events (*)' },
    ...(types.data?.items ?? []).map((item) => ({ value: item.type, label: item.type })),
  ];
  return { data, descriptions, loading: types.isPending };
}

/** Field errors on one event ("events.2") belong under the Events field. */
function toFormErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) errors[path.startsWith('events.') ? 'events' : path] ??= message;
  return errors;
}

interface FormProps {
  applicationId: string;
  /** The mode the form starts in: the page's (live, or test in test mode). */
  defaultMode?: Mode;
  onClose: () => void;
  onCreated: (registered: Registered) => void;
}

function AddEndpointForm({ applicationId, defaultMode = 'live', onClose, onCreated }: FormProps) {
  const utils = trpc.useUtils();
  const register = trpc.webhooks.register.useMutation();
  const events = useEventOptions();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', events: [] as string[], mode: defaultMode, description: '' },
    validate: {
      url: (v: string) => (/^https?:\/\/\S+$/i.test(v.trim()) ? null : 'Enter an http:// or https:// URL'),
      events: (v: string[]) => (v.length ? null : 'Choose at least one event type'),
      description: (v: string) => (v.length > 500 ? 'Must be at most 500 characters' : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const registered = await register.mutateAsync({
        applicationId,
        url: values.url.trim(),
        events: values.events.includes(ALL_EVENTS) ? [ALL_EVENTS] : values.events,
        mode: values.mode,
        description: values.description.trim() || undefined,
      });
      await utils.webhooks.list.invalidate({ applicationId });
      onCreated(registered);
    } catch (error) {
      const described = describeProblem(error);
      form.setErrors(toFormErrors(described.fieldErrors));
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
        <TextInput
          label="Endpoint URL"
          description="CalOS POSTs each event here, signed with the endpoint's secret (Standard Webhooks)."
          placeholder="https://example.com/webhooks/calos"
          required
          data-autofocus
          {...form.getInputProps('url')}
        />
        <MultiSelect
          label="Events"
          description="The event types this endpoint receives."
          placeholder={form.values.events.length ? undefined : 'Choose event types'}
          data={events.data}
          searchable
          required
          nothingFoundMessage={events.loading ? 'Loading…' : 'No such event type'}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {events.descriptions.get(option.value)}
              </Text>
            </div>
          )}
          {...form.getInputProps('events')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="endpoint-mode-label">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="endpoint-mode-label"
            data={[
              { value: 'live', label: 'Live' },
              { value: 'test', label: 'Test' },
            ]}
            {...form.getInputProps('mode')}
          />
          <Text size="xs" c="dimmed">
            A test endpoint receives only the events of test-mode data.
          </Text>
        </Stack>
        <Textarea label="Description" autosize minRows={2} maxLength={500} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={register.isPending}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AddEndpointModal({ opened, ...props }: FormProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Add webhook endpoint" size="lg" centered>
      <AddEndpointForm {...props} />
    </Modal>
  );
}
