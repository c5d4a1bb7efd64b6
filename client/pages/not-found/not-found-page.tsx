// Any unknown address inside the app, and administrator pages for anyone else: says so and offers the way home.
import { Link } from 'react-router';
import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '../../components/document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <Stack align="center" py={80} gap="sm">
      <Title order={1}>Page not found</Title>
      <Text c="dimmed">There is nothing at this address.</Text>
      <Button component={Link} to="/" variant="light" mt="sm">
        Go home
      </Button>
    </Stack>
  );
}
