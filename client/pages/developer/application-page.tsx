// /developer/apps/:applicationId: one application with its "API keys", "Webhooks" and "Usage" tabs (tab kept in the URL).
import { lazy, Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Card, Loader, Stack, Tabs } from '@mantine/core';
import { IconChartLine, IconKey, IconWebhook } from '@tabler/icons-react';
import { trpc } from '../../trpc';
import { ApiKeysTab } from './api-keys-tab';
import { ApplicationHeader, BackToApplications } from './application-header';
import { QueryState } from './query-state';
import { WebhooksTab } from './webhooks-tab';

// The charts library is large: load it only when someone opens Usage.
const UsageTab = lazy(() => import('./usage-tab').then((m) => ({ default: m.UsageTab })));

const tabs = ['keys', 'webhooks', 'usage'] as const;
type TabName = (typeof tabs)[number];
const isTab = (value: string | null): value is TabName => tabs.includes(value as TabName);

export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const application = trpc.developer.application.useQuery({ applicationId });
  const requested = params.get('tab');
  const tab: TabName = isTab(requested) ? requested : 'keys';

  if (!application.data) {
    return (
      <Stack gap="md">
        <BackToApplications />
        <Card>
          <QueryState query={application} label="Loading the application" />
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <ApplicationHeader application={application.data} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'keys' ? { tab: value } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="keys" leftSection={<IconKey size={16} />}>
            API keys
          </Tabs.Tab>
          <Tabs.Tab value="webhooks" leftSection={<IconWebhook size={16} />}>
            Webhooks
          </Tabs.Tab>
          <Tabs.Tab value="usage" leftSection={<IconChartLine size={16} />}>
            Usage
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys" pt="md">
          <ApiKeysTab applicationId={applicationId} />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksTab applicationId={applicationId} />
        </Tabs.Panel>
        <Tabs.Panel value="usage" pt="md">
          <Suspense fallback={<Loader size="sm" aria-label="Loading usage" />}>
            <UsageTab applicationId={applicationId} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
