// Award XP to a user's skill (POST /api/skills/award-xp), with the level it reached.
import { useState } from 'react';
import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { UserPicker } from '../../components/user-picker';
import { trpc } from '../../trpc';
import { SectionCard } from '../developer/section-card';
import { showProblem } from './form-problem';
import { FormFooter } from './form-footer';

export function AwardXpCard() {
  const skills = trpc.skills.list.useQuery();
  const utils = trpc.useUtils();
  const award = trpc.skills.awardXp.useMutation();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { userId: null as string | null, skill: 'development', xp: 100 as number | string, reason: '' },
    validate: {
      userId: (v) => (v ? null : 'Pick a user'),
      xp: (v) => (typeof v === 'number' && v >= 1 ? null : 'Give a whole amount of XP, at least 1'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setAlert(null);
    setDone(null);
    try {
      const out = await award.mutateAsync({ userId: v.userId!, skill: v.skill, xp: Number(v.xp), reason: v.reason.trim() || 'awarded by an administrator' });
      setDone(`Awarded ${out.xpAwarded.toLocaleString()} XP: ${out.skill} is now level ${out.level}${out.levelsGained ? ` (+${out.levelsGained})` : ''}.`);
      void utils.skills.invalidate();
    } catch (error) {
      showProblem(form, error, setAlert);
    }
  });
  return (
    <SectionCard title="Award XP" description="Adds XP to one of a user’s skills at once, as an application with skills:award would.">
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <UserPicker label="User" value={form.values.userId} onChange={(id) => form.setFieldValue('userId', id)} error={form.errors.userId} />
          <Select label="Skill" data={(skills.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))} allowDeselect={false} {...form.getInputProps('skill')} />
          <NumberInput label="XP" min={1} allowDecimal={false} thousandSeparator="," {...form.getInputProps('xp')} />
          <TextInput label="Reason" placeholder="For the XP log" {...form.getInputProps('reason')} />
        </SimpleGrid>
        <FormFooter alert={alert} done={done} pending={award.isPending} label="Award XP" />
      </form>
    </SectionCard>
  );
}
