// Creates or replaces a manifest: its label, summary and canvases (each an image and a label, in
// order). A canvas kept from the manifest keeps its id, so its annotations stay.
import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowUp, IconTrash } from '@tabler/icons-react';
import { describeProblem, trpc } from '../../../client/extension-api';

interface CanvasDraft {
  id?: string;
  imageId: string;
  label: string;
}
export interface ManifestDraft {
  manifestId?: string;
  label: string;
  summary: string;
  canvases: CanvasDraft[];
}

export function ManifestFormModal({ initial, onClose }: { initial: ManifestDraft | null; onClose: () => void }) {
  return (
    <Modal opened={initial !== null} onClose={onClose} title={initial?.manifestId ? 'Edit manifest' : 'New manifest'} size="lg">
      {initial && <ManifestForm initial={initial} onDone={onClose} />}
    </Modal>
  );
}

function ManifestForm({ initial, onDone }: { initial: ManifestDraft; onDone: () => void }) {
  const utils = trpc.useUtils();
  const images = trpc.iiif.images.useQuery({ limit: 100 });
  const create = trpc.iiif.createManifest.useMutation();
  const update = trpc.iiif.updateManifest.useMutation();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const options = (images.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.id} (${i.width} × ${i.height})` }));
  const setCanvas = (index: number, change: Partial<CanvasDraft>) =>
    setDraft({ ...draft, canvases: draft.canvases.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  async function save() {
    setError(null);
    const input = { label: draft.label, summary: draft.summary || null, canvases: draft.canvases };
    try {
      if (draft.manifestId) await update.mutateAsync({ manifestId: draft.manifestId, ...input });
      else await create.mutateAsync(input);
      await utils.iiif.invalidate();
      onDone();
    } catch (err) {
      setError(describeProblem(err).message);
    }
  }

  return (
    <Stack>
      <TextInput label="Label" required value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />
      <Textarea label="Summary" value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.currentTarget.value })} />
      <Text fw={500} size="sm">Canvases</Text>
      {draft.canvases.map((canvas, i) => (
        <Group key={canvas.id ?? `new-${i}`} align="end" wrap="nowrap">
          <Select label={`Image ${i + 1}`} data={options} value={canvas.imageId || null} onChange={(v) => setCanvas(i, { imageId: v ?? '' })} searchable style={{ flex: 1 }} />
          <TextInput label="Label" value={canvas.label} onChange={(e) => setCanvas(i, { label: e.currentTarget.value })} style={{ flex: 1 }} />
          <ActionIcon variant="subtle" aria-label="Move up" disabled={i === 0} onClick={() => setDraft({ ...draft, canvases: draft.canvases.map((c, j) => (j === i - 1 ? draft.canvases[i]! : j === i ? draft.canvases[i - 1]! : c)) })}>
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label="Remove canvas" disabled={draft.canvases.length === 1} onClick={() => setDraft({ ...draft, canvases: draft.canvases.filter((_, j) => j !== i) })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="light" onClick={() => setDraft({ ...draft, canvases: [...draft.canvases, { imageId: '', label: `Canvas ${draft.canvases.length + 1}` }] })}>
        Add a canvas
      </Button>
      {error && <Text c="red" size="sm">{error}</Text>}
      <Group justify="end">
        <Button onClick={() => void save()} loading={create.isPending || update.isPending}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
