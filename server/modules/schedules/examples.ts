// Example requests and responses of the schedule routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/schedules';
import { scheduleExceptionInput, scheduleExceptionOutput } from '../../../shared/schemas/actions';
import { at, exampleIds, examples } from '../../openapi-examples';

const { grace } = exampleIds;

export const list = examples(
  { input: s.listSchedulesInput, output: s.listSchedulesOutput },
  {
    response: {
      items: [
        { code: 'always', name: 'Always available', kind: 'always', timezone: 'UTC' },
        { code: 'business_hours', name: 'Business hours (Mon–Fri 09:00–17:00 UTC)', kind: 'business_hours', timezone: 'UTC' },
        { code: 'nasdaq', name: 'NASDAQ trading hours', kind: 'exchange', timezone: 'America/New_York' },
        { code: 'nyse', name: 'NYSE trading hours', kind: 'exchange', timezone: 'America/New_York' },
      ],
    },
  },
);

export const check = examples(
  { input: s.checkScheduleInput, output: s.checkScheduleOutput },
  {
    request: { schedule: 'nyse', at: '2026-12-07T15:00:00Z' },
    response: {
      open: true,
      at: at('2026-12-07T15:00:00.000Z'),
      reason: null,
      nextOpenAt: at('2026-12-08T14:30:00.000Z'),
      nextCloseAt: at('2026-12-07T21:00:00.000Z'),
    },
  },
);

export const exception = examples(
  { input: scheduleExceptionInput, output: scheduleExceptionOutput },
  {
    request: {
      userId: grace,
      actionCode: 'place_market_order',
      startsAt: '2026-12-12T14:00:00Z',
      endsAt: '2026-12-12T18:00:00Z',
      reason: 'Trading workshop on a Saturday',
    },
    response: {
      id: '0d0da8ca-58f5-427b-ba08-5b03acb71fea',
      userId: grace,
      actionCode: 'place_market_order',
      startsAt: at('2026-12-12T14:00:00.000Z'),
      endsAt: at('2026-12-12T18:00:00.000Z'),
      reason: 'Trading workshop on a Saturday',
      createdAt: at('2026-12-07T09:30:41.617Z'),
    },
  },
);
