// The "Webhooks" tab: endpoints, "Add endpoint" (secret shown once), and the picked endpoint's deliveries (?endpoint=…).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import { trpc } from '../../trpc';
import { AddEndpointModal } from './add-endpoint-modal';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { DeliveriesPanel } from './deliveries-panel';
import { EndpointsTable } from './endpoints-table';
import { QueryState } from './query-state';
import { SecretOnceModal, type RevealedSecret } from './secret-once-modal';
import { SectionCard } from './section-card';

export function WebhooksTab({ applicationId }: { applicationId: string }) {
  const { client } = trpc.useUtils();
  const endpoints = useCursorPages(getQueryKey(trpc.webhooks.list, { applicationId }, 'infinite'), (cursor, signal) =>
    client.webhooks.list.query({ applicationId, cursor }, { signal }),
  );
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const selectedId = params.get('endpoint');
  const selected = endpoints.items?.find((e) => e.id === selectedId);
  const select = (endpointId: string | null) =>
    setParams(endpointId ? { tab: 'webhooks', endpoint: endpointId } : { tab: 'webhooks' }, { replace: true });

  return (
    <Stack gap="lg">
      <SectionCard
        title="Webhook endpoints"
        description="CalOS POSTs events to these URLs as they happen, retrying failures for about a day before it disables the endpoint."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add endpoint
          </Button>
        }
      >
        {endpoints.items ? (
          <EndpointsTable endpoints={endpoints.items} selectedId={selectedId} onSelect={select} onSecret={setRevealed} />
        ) : (
          <QueryState query={endpoints} />
        )}
        <LoadMoreButton query={endpoints} />
      </SectionCard>

      {selected && <DeliveriesPanel key={selected.id} endpoint={selected} onClose={() => select(null)} />}

      <AddEndpointModal
        applicationId={applicationId}
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={({ endpoint, secret }) => {
          setAdding(false);
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
