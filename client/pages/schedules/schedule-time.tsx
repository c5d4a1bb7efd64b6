// An instant as the viewer reads it (their own zone) and as the schedule keeps it (its zone), with
// how far away it is; the second line is left out when both zones are the same.
import { Stack, Text } from '@mantine/core';
import { formatRelative } from '../../components/time-format';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, 30 Nov, 09:30 EST" in a given zone, formatters kept per zone. */
export function formatInZone(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

export function ScheduleTime({ label, at, zone }: { label: string; at: Date | null; zone: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {at ? (
        <Stack gap={0}>
          <Text size="sm" aria-label={`${label}, your time`}>
            {formatInZone(at, viewerZone)} <Text span size="xs" c="dimmed">({formatRelative(at)})</Text>
          </Text>
          {zone !== viewerZone && (
            <Text size="xs" c="dimmed" aria-label={`${label}, ${zone} time`}>
              {formatInZone(at, zone)} · {zone}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Never
        </Text>
      )}
    </div>
  );
}
