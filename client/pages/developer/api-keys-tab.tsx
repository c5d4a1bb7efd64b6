// The "API keys" tab: the application's keys of the page's mode (live or test), "Create key" (whose
// secret is shown once) and Revoke.
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import type { Mode } from '../../../shared/schemas/developer';
import { trpc } from '../../trpc';
import { ApiKeysTable } from './api-keys-table';
import { CreateKeyModal } from './create-key-modal';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { QueryState } from './query-state';
import { SecretOnceModal, type RevealedSecret } from './secret-once-modal';
import { SectionCard } from './section-card';

interface ApiKeysTabProps {
  applicationId: string;
  mode: Mode;
  /** A key of the other mode was created: show that mode, where it is. */
  onModeChange: (mode: Mode) => void;
}

export function ApiKeysTab({ applicationId, mode, onModeChange }: ApiKeysTabProps) {
  const { client } = trpc.useUtils();
  const keys = useCursorPages(getQueryKey(trpc.developer.keys, { applicationId }, 'infinite'), (cursor, signal) =>
    client.developer.keys.query({ applicationId, cursor }, { signal }),
  );
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const shown = keys.items?.filter((k) => k.mode === mode);
  const elsewhere = (keys.items?.length ?? 0) - (shown?.length ?? 0);

  return (
    <SectionCard
      title={mode === 'test' ? 'Test API keys' : 'API keys'}
      description={
        <>
          Your server sends a key as <code>Authorization: Bearer …</code>. Each key holds only the scopes you give it;
          test keys see and change only test-mode data.
          {elsewhere > 0 && ` ${elsewhere} ${mode === 'test' ? 'live' : 'test'} ${elsewhere === 1 ? 'key is' : 'keys are'} shown in ${mode === 'test' ? 'live' : 'test'} mode.`}
        </>
      }
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Create key
        </Button>
      }
    >
      {shown ? <ApiKeysTable applicationId={applicationId} keys={shown} /> : <QueryState query={keys} />}
      <LoadMoreButton query={keys} />
      <CreateKeyModal
        applicationId={applicationId}
        defaultMode={mode}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={({ key, secret }) => {
          setCreating(false);
          if (key.mode !== mode) onModeChange(key.mode);
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
