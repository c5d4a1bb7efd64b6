// /iiif/manifests/:manifestId: a manifest's canvases in a deep-zoom viewer (OpenSeadragon, from
// npm; tiles from this server's IIIF Image API) with the canvas's annotations drawn on the image.
// Signed-in users draw a region to comment, tag or highlight it, and edit or delete their own.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, Card, Grid, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useParams } from 'react-router';
import OpenSeadragon from 'openseadragon';
import { QueryState, describeProblem, trpc, useDocumentTitle, useSignedIn } from '../../../client/extension-api';
import { boxOf, drawAnnotations, provideViewerStyle, startDrawing, type Box } from './annotation-layer';

type Motivation = 'commenting' | 'tagging' | 'highlighting';
interface Annotation {
  id: string;
  uuid: string;
  motivation: Motivation;
  text: string;
  box: Box;
  authorId: string;
  authorName: string;
}

function readPage(page: Record<string, unknown> | undefined): Annotation[] {
  const items = (page?.items ?? []) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON-LD
  return items.flatMap((a) => {
    const box = boxOf(a.target?.selector?.value);
    if (!box) return [];
    const id = String(a.id);
    const creator = String(a.creator?.id ?? '');
    return [{ id, uuid: id.split('/').at(-1)!, motivation: a.motivation, text: a.body?.value ?? '', box, authorId: creator.split('/').at(-1)!, authorName: a.creator?.name ?? '' }];
  });
}

export default function ViewerPage() {
  const { manifestId = '' } = useParams();
  const manifest = trpc.iiif.manifest.useQuery({ manifestId });
  const [index, setIndex] = useState(0);
  useDocumentTitle(manifest.data?.label ?? 'Viewer');
  if (!manifest.data) return <QueryState query={manifest} />;
  const canvas = manifest.data.canvases[Math.min(index, manifest.data.canvases.length - 1)]!;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={1}>{manifest.data.label}</Title>
          {manifest.data.summary && <Text c="dimmed">{manifest.data.summary}</Text>}
        </div>
        {manifest.data.canvases.length > 1 && (
          <Select
            aria-label="Canvas"
            data={manifest.data.canvases.map((c, i) => ({ value: String(i), label: c.label }))}
            value={String(index)}
            onChange={(v) => setIndex(Number(v ?? 0))}
          />
        )}
      </Group>
      <CanvasView key={canvas.id} canvas={canvas} />
    </Stack>
  );
}

function CanvasView({ canvas }: { canvas: { id: string; imageId: string; width: number; height: number; label: string } }) {
  const { user } = useSignedIn();
  const utils = trpc.useUtils();
  const page = trpc.iiif.annotations.useQuery({ canvasId: canvas.id });
  const annotations = useMemo(() => readPage(page.data), [page.data]);
  const element = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<OpenSeadragon.Viewer | null>(null);
  const [opened, setOpened] = useState(false);
  const [drawing, setDrawing] = useState<null | 'new' | 'redraw'>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ box: Box; motivation: Motivation; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = trpc.iiif.createAnnotation.useMutation();
  const update = trpc.iiif.updateAnnotation.useMutation();
  const remove = trpc.iiif.deleteAnnotation.useMutation();

  useEffect(() => {
    provideViewerStyle();
    const v = OpenSeadragon({
      element: element.current!,
      tileSources: `/iiif/3/${encodeURIComponent(canvas.imageId)}/info.json`,
      showNavigationControl: false,
      gestureSettingsMouse: { clickToZoom: false },
      visibilityRatio: 0.5,
    });
    v.addHandler('open', () => setOpened(true));
    setViewer(v);
    return () => {
      v.destroy();
      setViewer(null);
      setOpened(false);
    };
  }, [canvas.imageId]);

  useEffect(() => {
    if (!viewer || !opened) return;
    const shown = draft ? [...annotations.filter((a) => a.uuid !== selected), { uuid: 'draft', id: 'draft', motivation: draft.motivation, box: draft.box } as Annotation] : annotations;
    drawAnnotations(viewer, shown.map((a) => ({ id: a.uuid, box: a.box, motivation: a.motivation, selected: a.uuid === selected || a.uuid === 'draft' })), (id) => {
      const a = annotations.find((x) => x.uuid === id);
      if (!a) return;
      setSelected(a.uuid);
      setDraft({ box: a.box, motivation: a.motivation, text: a.text });
    });
  }, [viewer, opened, annotations, selected, draft]);

  useEffect(() => {
    if (!viewer || !opened || !drawing) return;
    return startDrawing(viewer, canvas, (box) => {
      setDraft((d) => ({ box, motivation: d?.motivation ?? 'commenting', text: d?.text ?? '' }));
      setDrawing(null);
    });
  }, [viewer, opened, drawing, canvas]);

  const mine = (a: Annotation | undefined) => a?.authorId === user.id;
  const current = annotations.find((a) => a.uuid === selected);

  async function save() {
    if (!draft) return;
    setError(null);
    try {
      if (current) await update.mutateAsync({ annotationId: current.uuid, motivation: draft.motivation, body: draft.text, xywh: draft.box });
      else await create.mutateAsync({ canvasId: canvas.id, motivation: draft.motivation, body: draft.text, xywh: draft.box });
      setDraft(null);
      setSelected(null);
      await utils.iiif.annotations.invalidate({ canvasId: canvas.id });
    } catch (err) {
      setError(describeProblem(err).message);
    }
  }
  async function del() {
    if (!current) return;
    try {
      await remove.mutateAsync({ annotationId: current.uuid });
      setDraft(null);
      setSelected(null);
      await utils.iiif.annotations.invalidate({ canvasId: canvas.id });
    } catch (err) {
      setError(describeProblem(err).message);
    }
  }

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Card p={0} withBorder>
          <div ref={element} data-testid="iiif-viewer" style={{ width: '100%', height: 560, background: '#111' }} />
        </Card>
        <Group mt="xs" gap="xs">
          <Button size="xs" variant={drawing ? 'filled' : 'light'} onClick={() => { setSelected(null); setDraft(null); setDrawing(drawing ? null : 'new'); }}>
            {drawing ? 'Drag on the image…' : 'Annotate a region'}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => viewer?.viewport.goHome()}>Whole image</Button>
          <Text size="xs" c="dimmed">{canvas.width} × {canvas.height} px</Text>
        </Group>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="sm">
          {draft && (!current || mine(current)) && (
            <Card withBorder>
              <Stack gap="xs">
                <Text fw={500}>{current ? 'Edit annotation' : 'New annotation'}</Text>
                <Text size="xs" c="dimmed">xywh={draft.box.x},{draft.box.y},{draft.box.w},{draft.box.h}</Text>
                <SegmentedControl size="xs" value={draft.motivation} onChange={(m) => setDraft({ ...draft, motivation: m as Motivation })} data={[{ value: 'commenting', label: 'Comment' }, { value: 'tagging', label: 'Tag' }, { value: 'highlighting', label: 'Highlight' }]} />
                <Textarea aria-label="Annotation text" placeholder={draft.motivation === 'tagging' ? 'A tag' : 'Your comment'} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })} />
                {error && <Text c="red" size="sm">{error}</Text>}
                <Group gap="xs">
                  <Button size="xs" onClick={() => void save()} loading={create.isPending || update.isPending}>Save</Button>
                  <Button size="xs" variant="light" onClick={() => setDrawing('redraw')}>Redraw region</Button>
                  {current && <Button size="xs" color="red" variant="light" onClick={() => void del()}>Delete</Button>}
                  <Button size="xs" variant="subtle" onClick={() => { setDraft(null); setSelected(null); }}>Cancel</Button>
                </Group>
              </Stack>
            </Card>
          )}
          <Card withBorder>
            <Text fw={500} mb="xs">Annotations ({annotations.length})</Text>
            {!page.data ? <QueryState query={page} /> : annotations.length === 0 ? <Text size="sm" c="dimmed">None yet: draw a region to add one.</Text> : null}
            <Stack gap={6}>
              {annotations.map((a) => (
                <Card
                  key={a.uuid}
                  p="xs"
                  withBorder
                  data-selected={a.uuid === selected}
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    setSelected(a.uuid);
                    setDraft({ box: a.box, motivation: a.motivation, text: a.text });
                    viewer?.viewport.fitBoundsWithConstraints(viewer.world.getItemAt(0)!.imageToViewportRectangle(a.box.x - a.box.w, a.box.y - a.box.h, a.box.w * 3, a.box.h * 3));
                  }}
                >
                  <Group gap="xs" justify="space-between">
                    <Badge size="xs" variant="light">{a.motivation}</Badge>
                    <Text size="xs" c="dimmed">{a.authorName}{mine(a) ? ' (you)' : ''}</Text>
                  </Group>
                  {a.text && <Text size="sm">{a.text}</Text>}
                </Card>
              ))}
            </Stack>
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
