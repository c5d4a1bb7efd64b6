// The app shell of signed-in pages: a header with the product name and the user menu (account
// summary, Sign out), the main navigation in groups down the side (behind a menu button on narrow
// screens), and the page beside it.
import { useState } from 'react';
import { NavLink as RouterNavLink, Outlet, useMatch } from 'react-router';
import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Button,
  Container,
  Divider,
  Group,
  NavLink,
  Popover,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
  em,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconActivity,
  IconBolt,
  IconCalendarTime,
  IconChevronDown,
  IconCode,
  IconDevices,
  IconPlugConnected,
  IconHexagonLetterC,
  IconHome,
  IconListNumbers,
  IconLogout,
  IconSettingsBolt,
  IconStars,
  IconPuzzle,
  type Icon,
} from '@tabler/icons-react';
import classes from './app-layout.module.css';
import { useSignedIn, useSignOut } from './session';
import { useExtensionNav } from './extension-pages';
import type { NavGroupName } from '../extension-api';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Active on this path only; false keeps it active on the pages below it too (/developer/apps/…). */
  end: boolean;
  /** Place within its group: the kernel's pages count 10, 20, …; extensions' entries slot in by theirs. */
  order?: number;
}
interface NavGroup {
  label: NavGroupName;
  items: NavItem[];
  adminOnly?: boolean;
}

// The navigation in groups, one line per page: what users do most first, account and developer
// pages after, operator pages last (shown to administrators only; the server checks again on every call).
const navGroups: NavGroup[] = [
  {
    label: 'Play',
    items: [
      { to: '/', label: 'Home', icon: IconHome, end: true },
      { to: '/actions', label: 'Actions', icon: IconBolt, end: true },
      { to: '/activity', label: 'Activity', icon: IconActivity, end: true },
      { to: '/skills', label: 'Skills', icon: IconStars, end: false },
      { to: '/leaderboard', label: 'Leaderboard', icon: IconListNumbers, end: true },
    ],
  },
  {
    label: 'Rewards & markets',
    items: [
      { to: '/schedules', label: 'Markets & schedules', icon: IconCalendarTime, end: true },
    ],
  },
  {
    label: 'Account',
    items: [
      { to: '/devices', label: 'Devices & sessions', icon: IconDevices, end: true },
      { to: '/connected-apps', label: 'Connected apps', icon: IconPlugConnected, end: true },
      { to: '/developer', label: 'Developers', icon: IconCode, end: false },
    ],
  },
  {
    label: 'Admin',
    adminOnly: true,
    items: [
      { to: '/admin/operations', label: 'Operations', icon: IconSettingsBolt, end: true, order: 5 },
      { to: '/admin/extensions', label: 'Extensions', icon: IconPuzzle, end: true, order: 90 },
    ],
  },
];

function MainNavLink({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  const active = useMatch({ path: item.to, end: item.end }) !== null;
  const Icon = item.icon;
  return (
    <NavLink
      component={RouterNavLink}
      to={item.to}
      end={item.end}
      label={item.label}
      leftSection={<Icon size={18} />}
      active={active}
      onClick={onNavigate}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}

/** The grouped links, in the side bar on wide screens and behind the menu button on narrow ones. */
function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { user } = useSignedIn();
  const extensionNav = useExtensionNav();
  const groups = navGroups
    .map((g) => {
      const added = extensionNav.filter((item) => item.group === g.label);
      if (!added.length) return g;
      const items = [...g.items.map((item, i) => ({ ...item, order: item.order ?? (i + 1) * 10 })), ...added.map((item) => ({ ...item, icon: item.icon ?? IconPuzzle }))];
      return { ...g, items: items.sort((a, b) => a.order - b.order) };
    })
    .filter((g) => (!g.adminOnly || user.role === 'admin') && g.items.length);
  return (
    <Stack gap="md">
      {groups.map((group) => (
        <div key={group.label} role="group" aria-label={group.label}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            {group.label}
          </Text>
          {group.items.map((item) => (
            <MainNavLink key={item.to} item={item} onNavigate={onNavigate} />
          ))}
        </div>
      ))}
    </Stack>
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
  const [navOpened, nav] = useDisclosure(false);
  const theme = useMantineTheme();
  // Below the breakpoint a closed navigation is only slid off screen: make it inert so that
  // keyboard and screen-reader users do not land on links they cannot see.
  const narrow = useMediaQuery(`(max-width: ${em(parseFloat(theme.breakpoints.sm) * 16 - 0.1)})`);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
      bg="var(--mantine-color-gray-0)"
      className={classes.shell}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
            />
            <Group gap={8} wrap="nowrap">
              <ThemeIcon size={30} radius="md" variant="filled">
                <IconHexagonLetterC size={20} />
              </ThemeIcon>
              <Text fw={700} size="lg">
                CalOS
              </Text>
            </Group>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label="Main" p="sm" inert={narrow && !navOpened} className={classes.navbar}>
        <div className={classes.links}>
          <MainNav onNavigate={nav.close} />
        </div>
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="lg" py="md" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
