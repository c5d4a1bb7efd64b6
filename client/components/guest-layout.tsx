// The frame of the signed-out pages: product name above one centred card with a title.
import { Card, Center, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHexagonLetterC } from '@tabler/icons-react';

export function GuestLayout({ title, subtitle, children }: { title: string; subtitle: React.ReactNode; children: React.ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="lg">
        <Group gap={8} justify="center">
          <ThemeIcon size={34} radius="md" variant="filled">
            <IconHexagonLetterC size={22} />
          </ThemeIcon>
          <Text fw={700} size="xl">
            CalOS
          </Text>
        </Group>
        <Card shadow="sm" padding="xl">
          <Stack gap={4} mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          </Stack>
          {children}
        </Card>
      </Stack>
    </Center>
  );
}

/** The password inputs' show/hide toggle, named so that only the input answers to "Password". */
export const revealToggleProps = { 'aria-label': 'Show typed characters' } as const;
