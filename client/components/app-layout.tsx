// The app shell of signed-in pages: header with the product name, the main navigation and the
// user menu (account summary, Sign out), and the page below it.
import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import {
  AppShell,
  Avatar,
  Badge,
  Button,
  Container,
  Divider,
  Group,
  Popover,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import {
  IconCalendarTime,
  IconChevronDown,
  IconCode,
  IconDevices,
  IconHexagonLetterC,
  IconHome,
  IconLogout,
  IconMail,
  IconTicket,
  IconTrophy,
} from '@tabler/icons-react';
import { useSignedIn, useSignOut } from './session';

// `end`: Home is active on / only; Developers stays active on its application pages too.
const navItems = [
  { to: '/', label: 'Home', icon: IconHome, end: true },
  { to: '/leagues', label: 'Leagues', icon: IconTrophy, end: false },
  { to: '/devices', label: 'Devices & sessions', icon: IconDevices, end: true },
  { to: '/schedules', label: 'Markets & schedules', icon: IconCalendarTime, end: true },
  { to: '/coupons', label: 'Coupons', icon: IconTicket, end: true },
  { to: '/developer', label: 'Developers', icon: IconCode, end: false },
];
// Operator pages, shown to administrators only (the server checks again on every call).
const adminNavItems = [{ to: '/mailer', label: 'Mailer', icon: IconMail, end: false }];

function MainNav({ onNavigate, stacked = false }: { onNavigate?: () => void; stacked?: boolean }) {
  const Wrapper = stacked ? Stack : Group;
  const { user } = useSignedIn();
  const items = user.role === 'admin' ? [...navItems, ...adminNavItems] : navItems;
  return (
    <nav aria-label={stacked ? 'Account navigation' : 'Main'}>
      <Wrapper gap={4}>
      {items.map(({ to, label, icon: Icon, end }) => (
        <NavLink key={to} to={to} end={end} onClick={onNavigate} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button
              component="span"
              variant={isActive ? 'light' : 'subtle'}
              color={isActive ? undefined : 'gray'}
              leftSection={<Icon size={16} />}
              justify={stacked ? 'flex-start' : undefined}
              fullWidth={stacked}
              aria-current={isActive ? 'page' : undefined}
            >
              {label}
            </Button>
          )}
        </NavLink>
      ))}
      </Wrapper>
    </nav>
  );
}

function UserMenu() {
  const { user } = useSignedIn();
  const { signOut, pending } = useSignOut();
  const [opened, setOpened] = useState(false);
  const initials = user.username.slice(0, 2).toUpperCase();
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={260} shadow="md" withArrow>
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((o) => !o)}
          aria-label={`Account menu for ${user.username}`}
          aria-expanded={opened}
          style={{ borderRadius: 'var(--mantine-radius-md)', padding: '4px 8px' }}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32}>
              {initials}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="xs">
              {user.username}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <div>
            <Group gap="xs">
              <Text fw={600}>{user.username}</Text>
              {user.role === 'admin' && <Badge size="xs">admin</Badge>}
            </Group>
            <Text size="sm" c="dimmed" truncate>
              {user.email}
            </Text>
          </div>
          <Divider />
          <MainNav stacked onNavigate={() => setOpened(false)} />
          <Divider />
          <Button
            variant="light"
            color="red"
            leftSection={<IconLogout size={16} />}
            onClick={() => void signOut()}
            loading={pending}
            fullWidth
          >
            Sign out
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function AppLayout() {
  return (
    <AppShell header={{ height: 60 }} padding="md" bg="var(--mantine-color-gray-0)">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={30} radius="md" variant="filled">
                  <IconHexagonLetterC size={20} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  CalOS
                </Text>
              </Group>
              <Group visibleFrom="sm">
                <MainNav />
              </Group>
            </Group>
            <UserMenu />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" py="md">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
