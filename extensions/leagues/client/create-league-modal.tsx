// "New league" (administrators): game, name, tier, format, dates, places and K-factor. The server's
// defaults are the form's; its validation messages (VALIDATION_FAILED issues, e.g. a round robin of
// more than 100 players, a closed format starting now) show under the fields they name.
import { Autocomplete, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { describeProblem, toDateTimeLocal, trpc } from '../../../client/extension-api';
import { LEAGUE_DEFAULTS, type League, type LeagueFormat } from '../schemas';
import { formatLabels } from './league-labels';

const formatHints: Record<LeagueFormat, string> = {
  open: 'Players join and play whenever they like, also after the start.',
  round_robin: 'Everyone plays everyone once; fixtures are drawn at the start (at most 100 players).',
  swiss: 'Rounds pair players on equal points; each round is drawn when the one before ends.',
  single_elimination: 'A knockout bracket seeded by rating; the winner of each match goes through.',
};

/** A league starting tomorrow on the hour, for the server's default length. */
function initialValues() {
  const start = new Date(Date.now() + 86_400_000);
  start.setMinutes(0, 0, 0);
  return {
    game: 'chess',
    name: '',
    tier: 'bronze',
    format: 'round_robin' as LeagueFormat,
    startDate: toDateTimeLocal(start),
    endDate: toDateTimeLocal(new Date(start.getTime() + LEAGUE_DEFAULTS.lengthDays * 86_400_000)),
    maxParticipants: 16 as number | string,
    kFactor: LEAGUE_DEFAULTS.kFactor as number | string,
  };
}

interface CreateLeagueModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (league: League) => void;
}

export function CreateLeagueModal({ opened, onClose, onCreated }: CreateLeagueModalProps) {
  const games = trpc.leagues.games.useQuery(undefined, { enabled: opened });
  const utils = trpc.useUtils();
  const create = trpc.leagues.create.useMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: initialValues(),
    validate: {
      game: (v) => (v ? null : 'Pick a game'),
      tier: (v) => (v.trim() ? null : 'Give a tier, such as bronze'),
      startDate: (v) => (v ? null : 'Pick when the league starts'),
      maxParticipants: (v) => (typeof v === 'number' ? null : 'How many players may join'),
      kFactor: (v) => (typeof v === 'number' ? null : 'Give a K-factor, 32 if unsure'),
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    try {
      const league = await create.mutateAsync({
        game: v.game,
        ...(v.name.trim() ? { name: v.name.trim() } : {}),
        tier: v.tier.trim(),
        format: v.format,
        startDate: new Date(v.startDate).toISOString(),
        ...(v.endDate ? { endDate: new Date(v.endDate).toISOString() } : {}),
        maxParticipants: Number(v.maxParticipants),
        kFactor: Number(v.kFactor),
      });
      await utils.leagues.list.invalidate();
      form.reset();
      onCreated(league);
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors(Object.keys(problem.fieldErrors).length ? problem.fieldErrors : { name: problem.message });
    }
  });
  const format = form.values.format;
  return (
    <Modal opened={opened} onClose={close} title="New league" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label="Game"
              data={(games.data?.items ?? [{ code: 'chess', name: 'Chess' }]).map((g) => ({ value: g.code, label: g.name }))}
              allowDeselect={false}
              {...form.getInputProps('game')}
            />
            <Autocomplete label="Tier" data={['bronze', 'silver', 'gold', 'open']} {...form.getInputProps('tier')} />
          </SimpleGrid>
          <TextInput label="Name" placeholder="Default: game, tier and month, e.g. “Chess bronze league, March 2027”" data-autofocus {...form.getInputProps('name')} />
          <Select
            label="Format"
            description={formatHints[format]}
            data={Object.entries(formatLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('format')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="datetime-local"
              label="Starts"
              description={format === 'open' ? 'Now or later' : 'Players join until then'}
              {...form.getInputProps('startDate')}
            />
            <TextInput type="datetime-local" label="Ends" description={`Default ${LEAGUE_DEFAULTS.lengthDays} days after the start`} {...form.getInputProps('endDate')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput label="Places" min={2} max={10_000} allowDecimal={false} {...form.getInputProps('maxParticipants')} />
            <NumberInput label="K-factor" description="How far one game moves a rating" min={1} max={100} {...form.getInputProps('kFactor')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create league
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
