// Example requests and responses of the schedule routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/schedules';
import { examples } from '../../openapi-examples';

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
