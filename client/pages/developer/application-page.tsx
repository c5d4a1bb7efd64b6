// /developer/apps/:applicationId: one application with its "API keys", "Webhooks" and "Usage" tabs,
// and a test-mode switch: in test mode the keys and webhook endpoints are the test ones, and a
// "Test data" tab shows what the test keys made (the users, executions and events of the sandbox).
// Tab and mode are kept in the URL (?tab=…&mode=test).
import { lazy, Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Card, Loader, Stack, Switch, Tabs } from '@mantine/core';
import { IconChartLine, IconFlask, IconKey, IconLogin, IconWebhook } from '@tabler/icons-react';
import type { Mode } from '../../../shared/schemas/developer';
import { useDocumentTitle } from '../../components/document-title';
import { trpc } from '../../trpc';
import { ApiKeysTab } from './api-keys-tab';
import { PublishableKeysCard } from './publishable-keys-card';
import { ApplicationHeader, BackToApplications } from './application-header';
import { QueryState } from './query-state';
import { TestDataTab } from './test-data-tab';
import { WebhooksTab } from './webhooks-tab';
import { SignInTab } from './sign-in-tab';

// The charts library is large: load it only when someone opens Usage.
const UsageTab = lazy(() => import('./usage-tab').then((m) => ({ default: m.UsageTab })));

const tabs = ['test-data', 'keys', 'webhooks', 'sign-in', 'usage'] as const;
type TabName = (typeof tabs)[number];
const isTab = (value: string | null): value is TabName => tabs.includes(value as TabName);

export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const application = trpc.developer.application.useQuery({ applicationId });
  useDocumentTitle(application.data?.name);
  const mode: Mode = params.get('mode') === 'test' ? 'test' : 'live';
  const defaultTab: TabName = mode === 'test' ? 'test-data' : 'keys';
  const requested = params.get('tab');
  const tab: TabName = isTab(requested) && (requested !== 'test-data' || mode === 'test') ? requested : defaultTab;

  const show = (nextTab: TabName, nextMode: Mode) => {
    const search: Record<string, string> = nextMode === 'test' ? { mode: 'test' } : {};
    const fallback: TabName = nextMode === 'test' ? 'test-data' : 'keys';
    if (nextTab !== fallback && (nextTab !== 'test-data' || nextMode === 'test')) search.tab = nextTab;
    setParams(search);
  };
  /** The switch opens a mode at its first tab, unless Webhooks or Usage is open. */
  const switchMode = (next: Mode) => show(tab === 'webhooks' || tab === 'usage' ? tab : next === 'test' ? 'test-data' : 'keys', next);
  /** A key or endpoint of the other mode was made: show it there, on the same tab. */
  const followMode = (next: Mode) => show(tab, next);

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
      <Switch
        label="Test mode"
        description="Show the test keys, test endpoints and what they made"
        color="orange"
        checked={mode === 'test'}
        onChange={(e) => switchMode(e.currentTarget.checked ? 'test' : 'live')}
      />
      {mode === 'test' && (
        <Alert color="orange" variant="light" icon={<IconFlask size={18} />} title="Test mode">
          You are looking at this application’s sandbox: what its test keys made, apart from live data and from other
          applications. Live users never see it.
        </Alert>
      )}
      <Tabs value={tab} onChange={(value) => isTab(value) && show(value, mode)} keepMounted={false} color={mode === 'test' ? 'orange' : undefined}>
        <Tabs.List>
          {mode === 'test' && (
            <Tabs.Tab value="test-data" leftSection={<IconFlask size={16} />}>
              Test data
            </Tabs.Tab>
          )}
          <Tabs.Tab value="keys" leftSection={<IconKey size={16} />}>
            API keys
          </Tabs.Tab>
          <Tabs.Tab value="webhooks" leftSection={<IconWebhook size={16} />}>
            Webhooks
          </Tabs.Tab>
          <Tabs.Tab value="sign-in" leftSection={<IconLogin size={16} />}>
            Sign in with CalOS
          </Tabs.Tab>
          <Tabs.Tab value="usage" leftSection={<IconChartLine size={16} />}>
            Usage
          </Tabs.Tab>
        </Tabs.List>
        {mode === 'test' && (
          <Tabs.Panel value="test-data" pt="md">
            <TestDataTab applicationId={applicationId} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="keys" pt="md">
          <Stack>
            <ApiKeysTab key={mode} applicationId={applicationId} mode={mode} onModeChange={followMode} />
            <PublishableKeysCard applicationId={applicationId} mode={mode} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksTab key={mode} applicationId={applicationId} mode={mode} onModeChange={followMode} />
        </Tabs.Panel>
        <Tabs.Panel value="sign-in" pt="md">
          <SignInTab applicationId={applicationId} />
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
