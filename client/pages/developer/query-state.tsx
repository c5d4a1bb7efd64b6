// What a section shows while its query loads or after it failed: a spinner, or the error with Try again.
import { Button, Group, Loader, Text } from '@mantine/core';
import { describeProblem } from '../../components/errors';

interface QueryLike {
  isPending: boolean;
  isFetching?: boolean;
  error: unknown;
  refetch?: () => unknown;
}

export function QueryState({ query, label = 'Loading' }: { query: QueryLike; label?: string }) {
  if (query.isPending && !query.error) return <Loader size="sm" aria-label={label} />;
  return (
    <Group gap="sm">
      <Text size="sm" c="red">
        {describeProblem(query.error).message}
      </Text>
      {query.refetch && (
        <Button size="xs" variant="light" loading={query.isFetching} onClick={() => void query.refetch?.()}>
          Try again
        </Button>
      )}
    </Group>
  );
}
