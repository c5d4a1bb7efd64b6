// Open an action's schedules for one user between two instants (POST /api/schedule/exception): a
// trader who may act while the market is closed, say.
import { useState } from 'react';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { toDateTimeLocal } from '../../components/time-format';
import { UserPicker } from '../../components/user-picker';
import { trpc } from '../../trpc';
import { SectionCard } from '../developer/section-card';
import { showProblem } from './form-problem';
import { FormFooter } from './form-footer';

export function ScheduleExceptionCard() {
  const actions = trpc.actions.list.useQuery();
  const create = trpc.schedules.exception.useMutation();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const scheduled = (actions.data?.items ?? []).filter((a) => a.schedules.length > 0);
  const now = new Date();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      userId: null as string | null,
      actionCode: '',
      startsAt: toDateTimeLocal(now),
      endsAt: toDateTimeLocal(new Date(now.getTime() + 2 * 3_600_000)),
      reason: '',
    },
    validate: {
      userId: (v) => (v ? null : 'Pick a user'),
      actionCode: (v) => (v ? null : 'Pick an action'),
      reason: (v) => (v.trim() ? null : 'Say why, for the record'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setAlert(null);
    setDone(null);
    try {
      const out = await create.mutateAsync({
        userId: v.userId!,
        actionCode: v.actionCode,
        startsAt: new Date(v.startsAt).toISOString(),
        endsAt: new Date(v.endsAt).toISOString(),
        reason: v.reason.trim(),
      });
      setDone(`${out.actionCode} is open for this user until ${out.endsAt.toLocaleString()}.`);
    } catch (error) {
      showProblem(form, error, setAlert);
    }
  });
  return (
    <SectionCard title="Schedule exception" description="Lets one user run an action outside its schedule’s hours, between two instants.">
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <UserPicker label="User" value={form.values.userId} onChange={(id) => form.setFieldValue('userId', id)} error={form.errors.userId} />
          <Select
            label="Action"
            placeholder="An action that follows a schedule"
            data={scheduled.map((a) => ({ value: a.code, label: `${a.name} (${a.schedules.join(', ')})` }))}
            searchable
            {...form.getInputProps('actionCode')}
          />
          <TextInput label="Reason" {...form.getInputProps('reason')} />
          <TextInput type="datetime-local" label="From" {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label="Until" {...form.getInputProps('endsAt')} />
        </SimpleGrid>
        <FormFooter alert={alert} done={done} pending={create.isPending} label="Open the schedule" />
      </form>
    </SectionCard>
  );
}
