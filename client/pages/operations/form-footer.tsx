// The foot of an operations form: the server's refusal, what the last submission did, and the button.
import { Alert, Button, Group, Text } from '@mantine/core';

export function FormFooter({ alert, done, pending, label }: { alert: string | null; done: string | null; pending: boolean; label: string }) {
  return (
    <>
      {alert && (
        <Alert color="red" mt="md" role="alert">
          {alert}
        </Alert>
      )}
      <Group justify="space-between" mt="md">
        <Text size="sm" c="teal" role="status">
          {done}
        </Text>
        <Button type="submit" loading={pending}>
          {label}
        </Button>
      </Group>
    </>
  );
}
