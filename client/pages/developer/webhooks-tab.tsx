// The "Webhooks" tab: endpoints of the page's mode (live or test), "Add endpoint" (secret shown
// once), and the picked endpoint's deliveries (?endpoint=…).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import type { Mode } from '../../../shared/schemas/developer';
import { trpc } from '../../trpc';
import { AddEndpointModal } from './add-endpoint-modal';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { DeliveriesPanel } from './deliveries-panel';
import { EndpointsTable } from './endpoints-table';
import { QueryState } from './query-state';
import { SecretOnceModal, type RevealedSecret } from './secret-once-modal';
import { SectionCard } from './section-card';

interface WebhooksTabProps {
  applicationId: string;
  mode: Mode;
  /** An endpoint of the other mode was added: show that mode, where it is. */
  onModeChange: (mode: Mode) => void;
}

export function WebhooksTab({ applicationId, mode, onModeChange }: WebhooksTabProps) {
  const { client } = trpc.useUtils();
  const endpoints = useCursorPages(getQueryKey(trpc.webhooks.list, { applicationId }, 'infinite'), (cursor, signal) =>
    client.webhooks.list.query({ applicationId, cursor }, { signal }),
  );
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const selectedId = params.get('endpoint');
  const shown = endpoints.items?.filter((e) => e.mode === mode);
  const elsewhere = (endpoints.items?.length ?? 0) - (shown?.length ?? 0);
  const selected = shown?.find((e) => e.id === selectedId);
  const select = (endpointId: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', 'webhooks');
        if (endpointId) next.set('endpoint', endpointId);
        else next.delete('endpoint');
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="lg">
      <SectionCard
        title={mode === 'test' ? 'Test webhook endpoints' : 'Webhook endpoints'}
        description={
          `CalOS POSTs ${mode === 'test' ? 'test-mode ' : ''}events to these URLs as they happen, retrying failures for about a day before it disables the endpoint.` +
          (elsewhere > 0 ? ` ${elsewhere} ${mode === 'test' ? 'live' : 'test'} ${elsewhere === 1 ? 'endpoint is' : 'endpoints are'} shown in ${mode === 'test' ? 'live' : 'test'} mode.` : '')
        }
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add endpoint
          </Button>
        }
      >
        {shown ? (
          <EndpointsTable endpoints={shown} selectedId={selectedId} onSelect={select} onSecret={setRevealed} />
        ) : (
          <QueryState query={endpoints} />
        )}
        <LoadMoreButton query={endpoints} />
      </SectionCard>

      {selected && <DeliveriesPanel key={selected.id} endpoint={selected} onClose={() => select(null)} />}

      <AddEndpointModal
        applicationId={applicationId}
        defaultMode={mode}
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={({ endpoint, secret }) => {
          setAdding(false);
          if (endpoint.mode !== mode) onModeChange(endpoint.mode);
          setRevealed({
            title: 'Your endpoint’s signing secret',
            description: `Verify the signature of every delivery to ${endpoint.url} with this secret (Standard Webhooks).`,
            secret,
          });
        }}
      />
      <SecretOnceModal revealed={revealed} onClose={() => setRevealed(null)} />
    </Stack>
  );
}
