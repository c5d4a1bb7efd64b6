// /iiif: manifests (open one in the viewer) and images; operators upload images and make or edit
// manifests. Every manifest's Presentation 3.0 URL is shown for use in other viewers (Mirador…).
import { useState } from 'react';
import { Anchor, Badge, Button, Card, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { QueryState, trpc, useSignedIn } from '../../../client/extension-api';
import { ManifestFormModal, type ManifestDraft } from './manifest-form-modal';
import { identifierFrom, uploadImage } from './upload';

export default function LibraryPage() {
  const { user } = useSignedIn();
  const operator = user.role === 'admin';
  const manifests = trpc.iiif.manifests.useQuery({ limit: 100 });
  const images = trpc.iiif.images.useQuery({ limit: 100 });
  const [editing, setEditing] = useState<ManifestDraft | null>(null);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={1}>Images</Title>
          <Text c="dimmed">Deep-zoom images served over IIIF, their manifests and your annotations.</Text>
        </div>
        {operator && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ label: '', summary: '', canvases: [{ imageId: '', label: 'Canvas 1' }] })}>
            New manifest
          </Button>
        )}
      </Group>
      <Card>
        <Title order={2} size="h4" mb="sm">Manifests</Title>
        {!manifests.data ? (
          <QueryState query={manifests} />
        ) : (
          ((data) =>
            data.items.length === 0 ? (
              <Text c="dimmed">No manifests yet.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Label</Table.Th>
                    <Table.Th>Canvases</Table.Th>
                    <Table.Th>IIIF manifest</Table.Th>
                    {operator && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/iiif/manifests/${m.id}`}>{m.label}</Anchor>
                      </Table.Td>
                      <Table.Td>{m.canvasCount}</Table.Td>
                      <Table.Td>
                        <Anchor href={m.manifestUrl || `/iiif/presentation/3/manifests/${m.id}`} size="sm" target="_blank">JSON-LD</Anchor>
                      </Table.Td>
                      {operator && (
                        <Table.Td>
                          <EditButton manifestId={m.id} onEdit={setEditing} />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ))(manifests.data)
        )}
      </Card>
      <Card>
        <Title order={2} size="h4" mb="sm">Images</Title>
        {operator && <UploadForm onUploaded={() => void images.refetch()} />}
        {!images.data ? (
          <QueryState query={images} />
        ) : (
          ((data) => (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Identifier</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Tiles</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Anchor href={`/iiif/3/${i.id}/info.json`} target="_blank">{i.id}</Anchor>
                    </Table.Td>
                    <Table.Td>{i.width} × {i.height} {i.format}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={i.pyramid === 'ready' ? 'green' : i.pyramid === 'failed' ? 'red' : 'gray'}>{i.pyramid}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))(images.data)
        )}
      </Card>
      <ManifestFormModal initial={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function EditButton({ manifestId, onEdit }: { manifestId: string; onEdit: (draft: ManifestDraft) => void }) {
  const utils = trpc.useUtils();
  async function open() {
    const m = await utils.iiif.manifest.fetch({ manifestId });
    onEdit({ manifestId, label: m.label, summary: m.summary ?? '', canvases: m.canvases.map((c) => ({ id: c.id, imageId: c.imageId, label: c.label })) });
  }
  return (
    <Button size="xs" variant="subtle" onClick={() => void open()}>
      Edit
    </Button>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await uploadImage(id, file);
      setFile(null);
      setId('');
      onUploaded();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="xs" mb="md">
      <Group align="end">
        <FileInput
          label="Image (PNG, JPEG, WebP, TIFF)"
          accept="image/png,image/jpeg,image/webp,image/tiff"
          value={file}
          onChange={(f) => {
            setFile(f);
            if (f && !id) setId(identifierFrom(f.name));
          }}
          style={{ flex: 1 }}
        />
        <TextInput label="Identifier" value={id} onChange={(e) => setId(e.currentTarget.value)} />
        <Button leftSection={<IconUpload size={16} />} onClick={() => void send()} loading={busy} disabled={!file || !id}>
          Upload
        </Button>
      </Group>
      {error && <Text c="red" size="sm">{error}</Text>}
    </Stack>
  );
}
