// The "API keys" tab: the application's keys, "Create key" (whose secret is shown once) and Revoke.
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import { trpc } from '../../trpc';
import { ApiKeysTable } from './api-keys-table';
import { CreateKeyModal } from './create-key-modal';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { QueryState } from './query-state';
import { SecretOnceModal, type RevealedSecret } from './secret-once-modal';
import { SectionCard } from './section-card';

export function ApiKeysTab({ applicationId }: { applicationId: string }) {
  const { client } = trpc.useUtils();
  const keys = useCursorPages(getQueryKey(trpc.developer.keys, { applicationId }, 'infinite'), (cursor, signal) =>
    client.developer.keys.query({ applicationId, cursor }, { signal }),
  );
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);

  return (
    <SectionCard
      title="API keys"
      description={
        <>
          Your server sends a key as <code>Authorization: Bearer …</code>. Each key holds only the scopes you give it;
          test keys see and change only test-mode data.
        </>
      }
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Create key
        </Button>
      }
    >
      {keys.items ? <ApiKeysTable applicationId={applicationId} keys={keys.items} /> : <QueryState query={keys} />}
      <LoadMoreButton query={keys} />
      <CreateKeyModal
        applicationId={applicationId}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={({ key, secret }) => {
          setCreating(false);
          setRevealed({
            title: 'Your new API key',
            description: `The secret of “${key.name}” (${key.mode} mode). Store it where your server reads its secrets.`,
            secret,
          });
        }}
      />
      <SecretOnceModal revealed={revealed} onClose={() => setRevealed(null)} />
    </SectionCard>
  );
}
