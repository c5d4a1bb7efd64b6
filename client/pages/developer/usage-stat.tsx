// One figure of the Usage tab as a small card, and the number formats the Usage tab uses.
import { Card, Text } from '@mantine/core';

const countFormat = new Intl.NumberFormat();
export const formatCount = (n: number) => countFormat.format(n);
/** A latency percentile; none when there were no requests. */
export const formatMs = (ms: number | null) => (ms === null ? '—' : `${countFormat.format(ms)} ms`);

export function UsageStat({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Card padding="md" aria-label={`${label}: ${value}`} role="group">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} lh={1.3} c={tone}>
        {value}
      </Text>
    </Card>
  );
}
