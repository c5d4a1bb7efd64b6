// Creates a campaign: name, period, dates, one benefit template (from the seed's list) and a budget.
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Benefit } from '../../../shared/schemas/benefits';
import { describeProblem, trpc } from '../../../client/extension-api';

// The seed's coupon benefit templates (league entries come with the leagues module).
const TEMPLATES: Record<string, { label: string; benefits: Benefit[] }> = {
  double: { label: '2× XP for 24 h', benefits: [{ type: 'xp_boost', multiplier: 2, hours: 24 }] },
  quintuple: { label: '5× XP for 1 h', benefits: [{ type: 'xp_boost', multiplier: 5, hours: 1 }] },
  votes: { label: '10 free votes', benefits: [{ type: 'free_action', actionCode: 'cast_vote', uses: 10 }] },
  posts: { label: '5 free posts', benefits: [{ type: 'free_action', actionCode: 'create_post', uses: 5 }] },
  welcome: {
    label: 'Welcome package (1.5× XP for 72 h, votes and posts)',
    benefits: [
      { type: 'xp_boost', multiplier: 1.5, hours: 72 },
      { type: 'free_action', actionCode: 'cast_vote', uses: 10 },
      { type: 'free_action', actionCode: 'create_post', uses: 5 },
    ],
  },
};

const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function CampaignFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const create = trpc.mailer.createCampaign.useMutation();
  const now = new Date();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      period: 'monthly',
      startsAt: toLocalInput(now),
      endsAt: toLocalInput(new Date(now.getTime() + 31 * 86_400_000)),
      template: 'double',
      maxRedemptions: '' as number | string,
    },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await create.mutateAsync({
        name: v.name,
        period: v.period as 'monthly',
        startsAt: new Date(v.startsAt).toISOString(),
        endsAt: new Date(v.endsAt).toISOString(),
        benefits: TEMPLATES[v.template]!.benefits,
        ...(typeof v.maxRedemptions === 'number' ? { maxRedemptions: v.maxRedemptions } : {}),
      });
      await utils.mailer.campaigns.invalidate();
      form.reset();
      onClose();
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors(Object.keys(problem.fieldErrors).length ? problem.fieldErrors : { name: problem.message });
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New campaign" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" data-autofocus {...form.getInputProps('name')} />
          <Select label="Period" data={[{ value: 'monthly', label: 'Monthly' }, { value: 'yearly', label: 'Yearly' }, { value: 'one_off', label: 'One-off' }]} allowDeselect={false} {...form.getInputProps('period')} />
          <TextInput type="datetime-local" label="Starts" {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label="Ends" {...form.getInputProps('endsAt')} />
          <Select label="Benefits" data={Object.entries(TEMPLATES).map(([value, t]) => ({ value, label: t.label }))} allowDeselect={false} {...form.getInputProps('template')} />
          <NumberInput label="Budget (redemptions in all)" description="Leave empty for no budget" min={1} {...form.getInputProps('maxRedemptions')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create campaign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
