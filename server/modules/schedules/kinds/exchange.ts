// `exchange`: a stock exchange's regular session, 09:30–16:00 America/New_York on trading days,
// closed on its holidays, closing at 13:00 on its early-close days. The zone is the exchange's own,
// whatever the schedule row says.
import { z } from 'zod';
import { defineScheduleKind } from './definition';
import { localTime, sessionCalendar } from './sessions';
import { EXCHANGE_ZONE, exchangeHours, tradingDay } from '../calendars/trading-days';

export const exchangeParams = z.strictObject({ exchange: z.enum(['NYSE', 'NASDAQ']) });

export const exchangeKind = defineScheduleKind({
  id: 'exchange',
  description: 'A US stock exchange’s regular trading session, with its holidays and early closes.',
  paramsSchema: exchangeParams,
  calendar({ exchange }) {
    return sessionCalendar(
      EXCHANGE_ZONE,
      (day) => {
        const today = tradingDay(exchange, day);
        if (today.kind !== 'trading') return [];
        return [{ start: localTime(day, exchangeHours.opens), end: localTime(day, today.closes) }];
      },
      (local) => {
        const today = tradingDay(exchange, local.startOf('day'));
        if (today.kind === 'weekend') return 'WEEKEND';
        if (today.kind === 'holiday') return `HOLIDAY: ${today.name}`;
        const time = local.toFormat('HH:mm');
        return today.earlyClose && time >= today.closes ? 'EARLY_CLOSE' : 'OUTSIDE_HOURS';
      },
    );
  },
});
