// Example requests and responses of the webhook routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/webhooks';
import { at, exampleIds, examples } from '../../openapi-examples';

const { application: applicationId, grace } = exampleIds;
const webhookId = '2aec6826-9245-4dce-ba74-86c9d2d8d3ec';
const deliveryId = '3c8264ff-f7e5-44f5-9d9d-061a1d1868cf';
const replayId = 'e23e0ba1-aa19-41dd-a912-0d3743fc0907';
const eventId = 'fa9d5780-5a42-4edd-be40-1897b606fe99';
const testEventId = '2eaf0be5-c4b3-499b-a064-68168d4492ba';

const endpoint = {
  id: webhookId,
  applicationId,
  mode: 'live' as const,
  url: 'https://puzzles.example.com/hooks/calos',
  description: 'Level-up banners',
  events: ['xp.awarded', 'level.up'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  createdAt: at('2026-11-03T08:40:27.661Z'),
};
const levelUp = {
  id: deliveryId,
  endpointId: webhookId,
  eventId,
  eventType: 'level.up',
  status: 'succeeded' as const,
  attempts: 1,
  responseStatus: 204,
  responseBody: '',
  error: null,
  durationMs: 38,
  payload: {
    type: 'level.up',
    timestamp: '2026-12-07T08:59:58.402Z',
    data: { userId: grace, skill: 'analytics', level: 12 },
  },
  createdAt: at('2026-12-07T08:59:58.402Z'),
  lastAttemptAt: at('2026-12-07T08:59:58.457Z'),
  nextAttemptAt: null,
  deliveredAt: at('2026-12-07T08:59:58.495Z'),
};
const testDelivery = {
  id: '055047b0-e1e7-4afc-af04-c154f85e0758',
  endpointId: webhookId,
  eventId: testEventId,
  eventType: 'webhook.test',
  status: 'pending' as const,
  attempts: 0,
  responseStatus: null,
  responseBody: null,
  error: null,
  durationMs: null,
  payload: {
    type: 'webhook.test',
    timestamp: '2026-12-07T09:10:04.218Z',
    data: { message: 'This is a test event from CalOS.', endpointId: webhookId },
  },
  createdAt: at('2026-12-07T09:10:04.218Z'),
  lastAttemptAt: null,
  nextAttemptAt: null,
  deliveredAt: null,
};

export const register = examples(
  { input: s.registerWebhookInput, output: s.registerWebhookOutput },
  {
    request: { url: 'https://puzzles.example.com/hooks/calos', events: ['xp.awarded', 'level.up'], description: 'Level-up banners' },
    response: { endpoint, secret: 'whsec_kC7vZ0b1cQ3t8mWJ2eXnR5yHq9LpA4sUdF6gT1oVw0E=' },
  },
);

export const list = examples(
  { input: s.listWebhooksInput, output: s.webhooksOutput },
  { request: { mode: 'live', limit: 20 }, response: { items: [endpoint], nextCursor: null } },
);

export const get = examples({ input: s.webhookIdInput, output: s.webhookEndpointOutput }, { request: { webhookId }, response: endpoint });

export const update = examples(
  { input: s.updateWebhookInput, output: s.webhookEndpointOutput },
  {
    request: { webhookId, events: ['xp.awarded', 'level.up', 'achievement.unlocked'] },
    response: { ...endpoint, events: ['xp.awarded', 'level.up', 'achievement.unlocked'] },
  },
);

export const remove = examples({ input: s.webhookIdInput }, { request: { webhookId } });

export const rotateSecret = examples(
  { input: s.webhookIdInput, output: s.rotateSecretOutput },
  { request: { webhookId }, response: { secret: 'whsec_Yb2N8rQe5TfK1xJmC7vL0pWz4HsA9dGu3iOq6RtE2nM=' } },
);

export const sendTest = examples(
  { input: s.webhookIdInput, output: s.deliveryOutput },
  { request: { webhookId }, response: testDelivery },
);

export const deliveries = examples(
  { input: s.deliveriesInput, output: s.deliveriesOutput },
  { request: { webhookId, status: 'succeeded', limit: 20 }, response: { items: [levelUp], nextCursor: null } },
);

export const replay = examples(
  { input: s.deliveryIdInput, output: s.deliveryOutput },
  {
    request: { deliveryId },
    response: { ...levelUp, id: replayId, status: 'pending', attempts: 0, responseStatus: null, responseBody: null, durationMs: null, createdAt: at('2026-12-07T09:12:30.004Z'), lastAttemptAt: null, deliveredAt: null },
  },
);

export const eventTypes = examples(
  { output: s.eventTypesOutput },
  {
    response: {
      items: [
        { type: 'achievement.unlocked', description: 'A user unlocked an achievement (once per user and achievement).' },
        { type: 'level.up', description: 'A skill reached a new level: one event per level gained.' },
        { type: 'xp.awarded', description: 'XP was added to a user’s skill (by an operator, an application or an action).' },
      ],
    },
  },
);
