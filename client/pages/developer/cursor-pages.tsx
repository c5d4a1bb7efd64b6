// Lists the server pages with a cursor (newest first): a hook that gathers the pages, and "Load more".
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { Button, Group } from '@mantine/core';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPagesOptions<T> {
  /** How soon to look again, given the items loaded so far; false for not on a timer. */
  refetchInterval?: (items: T[]) => number | false;
}

/**
 * Pages under tRPC's own query key (getQueryKey(…, 'infinite')), so `utils.<procedure>.invalidate`
 * reaches them. Not trpc's useInfiniteQuery: it adds `direction` to the input, and the server's
 * strict list inputs refuse an unknown field.
 */
export function useCursorPages<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>,
  options: CursorPagesOptions<T> = {},
) {
  const { refetchInterval } = options;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam ?? undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: CursorPage<T>) => last.nextCursor,
    refetchInterval: refetchInterval && ((q) => refetchInterval(q.state.data?.pages.flatMap((p) => p.items) ?? [])),
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) };
}

interface LoadMoreProps {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}

export function LoadMoreButton({ query }: LoadMoreProps) {
  if (!query.hasNextPage) return null;
  return (
    <Group justify="center" mt="md">
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        Load more
      </Button>
    </Group>
  );
}
