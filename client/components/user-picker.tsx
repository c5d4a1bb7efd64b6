// A user picker for administrators' forms: type the start of a username, pick one of the matches
// (GET /api/users); the value is the user's id.
import { useEffect, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { trpc } from '../trpc';

interface UserPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  onChange: (userId: string | null) => void;
}

export function UserPicker({ value, onChange, ...props }: UserPickerProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  // The picked user stays among the options while another search runs.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  // Cleared by the form (after a submit): the typed name goes too.
  useEffect(() => {
    if (value === null) setSearch('');
  }, [value]);
  const users = trpc.users.find.useQuery({ query: query.trim(), limit: 20 }, { placeholderData: (previous) => previous });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.username }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      searchable
      placeholder="Type a username"
      nothingFoundMessage={users.isFetching ? 'Searching…' : 'No user starts with that'}
      filter={({ options: all }) => all}
      {...props}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
    />
  );
}
