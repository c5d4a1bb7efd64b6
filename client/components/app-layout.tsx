// The app shell of signed-in pages: header with the product name and the user menu (account
// summary, Sign out), the main navigation in a sidebar (in the user menu on narrow screens), and the page.
import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Button,
  Container,
  Divider,
  Group,
  Popover,
  ScrollArea,
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
  IconListNumbers,
  IconLogout,
  IconMail,
  IconStars,
  IconTicket,
  IconTrophy,
} from '@tabler/icons-react';
import { useSignedIn, useSignOut } from './session';

// The navigation in sections, so it stays readable as modules add pages. `end`: Home is active on /
// only; Skills, Leagues and Developers stay active on their inner pages too.
interface NavItem {
  to: string;
  label: string;
  icon: typeof IconHome;
  end: boolean;
}
const navSections: Array<{ title: string | null; items: NavItem[] }> = [
  { title: null, items: [{ to: '/', label: 'Home', icon: IconHome, end: true }] },
  {
    title: 'Play',
    items: [
      { to: '/skills', label: 'Skills', icon: IconStars, end: false },
      { to: '/leaderboard', label: 'Leaderboard', icon: IconListNumbers, end: true },
      { to: '/leagues', label: 'Leagues', icon: IconTrophy, end: false },
      { to: '/coupons', label: 'Coupons', icon: IconTicket, end: true },
    ],
  },
  {
    title: 'Platform',
    items: [
      { to: '/schedules', label: 'Markets & schedules', icon: IconCalendarTime, end: true },
      { to: '/developer', label: 'Developers', icon: IconCode, end: false },
    ],
  },
  { title: 'Account', items: [{ to: '/devices', label: 'Devices & sessions', icon: IconDevices, end: true }] },
];
// Operator pages, shown to administrators only (the server checks again on every call).
const adminSection = { title: 'Admin', items: [{ to: '/mailer', label: 'Mailer', icon: IconMail, end: false }] };

function MainNav({ onNavigate, label }: { onNavigate?: () => void; label: string }) {
  const { user } = useSignedIn();
  const sections = user.role === 'admin' ? [...navSections, adminSection] : navSections;
  return (
    <nav aria-label={label}>
      <Stack gap="sm">
        {sections.map((section) => (
          <Stack key={section.title ?? 'top'} gap={2}>
            {section.title && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm">
                {section.title}
              </Text>
            )}
            {section.items.map(({ to, label: itemLabel, icon: Icon, end }) => (
              <NavLink key={to} to={to} end={end} onClick={onNavigate} style={{ textDecoration: 'none' }}>
                {({ isActive }) => (
                  <Button
                    component="span"
                    variant={isActive ? 'light' : 'subtle'}
                    color={isActive ? undefined : 'gray'}
                    leftSection={<Icon size={16} />}
                    justify="flex-start"
                    fullWidth
                    aria-current={isActive ? 'page' : undefined}
                  >
                    {itemLabel}
                  </Button>
                )}
              </NavLink>
            ))}
          </Stack>
        ))}
      </Stack>
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
          {/* On a narrow screen the sidebar is hidden: the menu carries the navigation instead. */}
          <Box hiddenFrom="sm">
            <Divider mb="sm" />
            <MainNav label="Account navigation" onNavigate={() => setOpened(false)} />
          </Box>
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
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: true } }}
      padding="md"
      bg="var(--mantine-color-gray-0)"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <ThemeIcon size={30} radius="md" variant="filled">
              <IconHexagonLetterC size={20} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              CalOS
            </Text>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <MainNav label="Main" />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="lg" py="md">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
