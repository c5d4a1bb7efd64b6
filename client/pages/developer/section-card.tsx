// A titled card for one part of a tab: a heading, a line saying what it holds, an action on the right.
import { Card, Group, Text, Title } from '@mantine/core';

interface SectionCardProps {
  title: string;
  description: React.ReactNode;
  action?: React.ReactNode;
  children: React.ReactNode;
}

export function SectionCard({ title, description, action, children }: SectionCardProps) {
  return (
    <Card component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="md">
        <div style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Title order={2} size="h3">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {action}
      </Group>
      {children}
    </Card>
  );
}
