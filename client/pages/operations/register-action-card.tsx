// Register an action (POST /api/actions/register): code, name, category, limits, schedules, and
// what it gives (XP to a skill, optionally credits). Further effects are registered over the API.
import { useState } from 'react';
import { MultiSelect, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { trpc } from '../../trpc';
import { SectionCard } from '../developer/section-card';
import { showProblem } from './form-problem';
import { FormFooter } from './form-footer';

const optionalNumber = (v: number | string) => (typeof v === 'number' ? v : null);

export function RegisterActionCard() {
  const skills = trpc.skills.list.useQuery();
  const schedules = trpc.schedules.list.useQuery();
  const utils = trpc.useUtils();
  const register = trpc.actions.register.useMutation();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      actionCode: '',
      actionName: '',
      actionCategory: 'custom',
      actionDescription: '',
      cooldownSeconds: 0 as number | string,
      dailyLimit: '' as number | string,
      rateLimitPerMinute: '' as number | string,
      schedules: [] as string[],
      skill: 'development',
      xp: 10 as number | string,
      credits: '' as number | string,
    },
    validate: {
      actionCode: (v) => (v.trim() ? null : 'Give a code, e.g. attend_meetup'),
      actionName: (v) => (v.trim() ? null : 'Give a name'),
      xp: (v) => (typeof v === 'number' && v >= 1 ? null : 'Give the XP it awards, at least 1'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setAlert(null);
    setDone(null);
    try {
      const credits = optionalNumber(v.credits);
      const out = await register.mutateAsync({
        actionCode: v.actionCode.trim(),
        actionName: v.actionName.trim(),
        actionCategory: v.actionCategory.trim(),
        ...(v.actionDescription.trim() ? { actionDescription: v.actionDescription.trim() } : {}),
        cooldownSeconds: optionalNumber(v.cooldownSeconds) ?? 0,
        dailyLimit: optionalNumber(v.dailyLimit),
        rateLimitPerMinute: optionalNumber(v.rateLimitPerMinute),
        schedules: v.schedules,
        effects: [
          { effectCode: 'award_xp', effectParams: { skillId: v.skill, xpAmount: Number(v.xp) } },
          ...(credits ? [{ effectCode: 'award_credits', effectParams: { amount: credits } }] : []),
        ],
      });
      setDone(`Registered ${out.code}: it is on the Actions page now.`);
      form.reset();
      void utils.actions.list.invalidate();
    } catch (error) {
      showProblem(form, error, setAlert);
    }
  });
  return (
    <SectionCard title="Register an action" description="A new action users can execute, with its limits and what it gives.">
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput label="Code" placeholder="attend_meetup" {...form.getInputProps('actionCode')} />
          <TextInput label="Name" placeholder="Attend a meetup" {...form.getInputProps('actionName')} />
          <TextInput label="Category" description="Lower-case letters, digits and _" {...form.getInputProps('actionCategory')} />
          <TextInput label="Description" {...form.getInputProps('actionDescription')} />
          <NumberInput label="Cooldown (seconds)" min={0} allowDecimal={false} {...form.getInputProps('cooldownSeconds')} />
          <NumberInput label="Daily limit" placeholder="None" min={1} allowDecimal={false} {...form.getInputProps('dailyLimit')} />
          <NumberInput label="Per minute at most" placeholder="No limit" min={1} allowDecimal={false} {...form.getInputProps('rateLimitPerMinute')} />
          <MultiSelect
            label="Schedules"
            placeholder="Any time"
            data={(schedules.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
            {...form.getInputProps('schedules')}
          />
          <Select label="Gives XP in" data={(skills.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))} allowDeselect={false} {...form.getInputProps('skill')} />
          <NumberInput label="XP" min={1} allowDecimal={false} {...form.getInputProps('xp')} />
          <NumberInput label="Credits" placeholder="None" min={1} allowDecimal={false} {...form.getInputProps('credits')} />
        </SimpleGrid>
        <FormFooter alert={alert} done={done} pending={register.isPending} label="Register action" />
      </form>
    </SectionCard>
  );
}
