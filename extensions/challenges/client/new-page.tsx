// /challenges/new: a challenge's prompt, rubric, deadline, model contestants and AI panel. Other
// parts of CalOS link here prefilled: ?subjectType=domain&subjectId=…&subjectLabel=example.com&title=…&prompt=…
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ActionIcon, Alert, Button, Card, Group, MultiSelect, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { describeProblem, toDateTimeLocal, trpc } from '../../../client/extension-api';

interface Row {
  key: string;
  label: string;
  weight: number | string;
}

export default function NewChallengePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const profiles = trpc.challenges.profiles.useQuery({});
  const create = trpc.challenges.create.useMutation();
  const subject = params.get('subjectType') && params.get('subjectId') ? { type: params.get('subjectType')!, id: params.get('subjectId')!, label: params.get('subjectLabel') ?? params.get('subjectId')! } : undefined;
  const [title, setTitle] = useState(params.get('title') ?? '');
  const [prompt, setPrompt] = useState(params.get('prompt') ?? '');
  const [deadline, setDeadline] = useState(toDateTimeLocal(new Date(Date.now() + 7 * 86_400_000)));
  const [rubric, setRubric] = useState<Row[]>([
    { key: 'clarity', label: 'Clear message', weight: 2 },
    { key: 'craft', label: 'Working, tidy code', weight: 1 },
  ]);
  const [contestants, setContestants] = useState<string[]>([]);
  const [panel, setPanel] = useState<string[]>([]);
  const options = (profiles.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.provider}${p.synthetic ? ', synthetic' : ''})` }));
  const problem = create.error ? describeProblem(create.error) : null;
  const submit = async () => {
    try {
      const c = await create.mutateAsync({ title, prompt, deadline: new Date(deadline), rubric: rubric.map((r) => ({ ...r, weight: Number(r.weight) })), contestants, panel, subject });
      navigate(`/challenges/${c.id}`);
    } catch {
      // shown below
    }
  };
  const setRow = (i: number, patch: Partial<Row>) => setRubric(rubric.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="lg">
      <Title order={1}>New challenge</Title>
      <Card component="form" aria-label="New challenge" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Stack gap="sm">
          {subject && <Text>About {subject.type} <b>{subject.label}</b></Text>}
          <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} error={problem?.fieldErrors.title} />
          <Textarea label="Prompt" value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)} required autosize minRows={3} maxLength={10_000} error={problem?.fieldErrors.prompt} />
          <TextInput label="Deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} required error={problem?.fieldErrors.deadline} />
          <Text fw={500}>Rubric</Text>
          {rubric.map((r, i) => (
            <Group key={i} align="flex-end">
              <TextInput label="Key" value={r.key} onChange={(e) => setRow(i, { key: e.currentTarget.value })} w={140} />
              <TextInput label="Criterion" value={r.label} onChange={(e) => setRow(i, { label: e.currentTarget.value })} style={{ flex: 1 }} />
              <NumberInput label="Weight" value={r.weight} onChange={(v) => setRow(i, { weight: v })} min={0.1} max={100} w={100} />
              <ActionIcon variant="subtle" aria-label={`Remove ${r.key}`} onClick={() => setRubric(rubric.filter((_, j) => j !== i))} disabled={rubric.length === 1}>×</ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="light" size="xs" onClick={() => setRubric([...rubric, { key: `criterion_${rubric.length + 1}`, label: 'Another criterion', weight: 1 }])} disabled={rubric.length >= 10}>Add a criterion</Button>
          </Group>
          <MultiSelect label="AI contestants" description="Model profiles; each generates its answer in the background." data={options} value={contestants} onChange={setContestants} searchable />
          <MultiSelect label="AI judges (panel)" description="Model profiles that score each entry against the rubric." data={options} value={panel} onChange={setPanel} searchable />
          {problem && <Alert color="red">{problem.message}</Alert>}
          <Group><Button type="submit" loading={create.isPending}>Create the challenge</Button></Group>
        </Stack>
      </Card>
    </Stack>
  );
}
