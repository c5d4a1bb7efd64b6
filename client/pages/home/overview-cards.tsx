// The home page's summary cards: a count with an icon, the account facts and the current session.
import { Link } from 'react-router';
import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconDeviceLaptop, IconUserCircle, type Icon } from '@tabler/icons-react';
import type { Device, SessionListItem, User } from '../../../shared/schemas/auth';
import type { SessionInfo } from '../../components/session';
import { formatDate, formatDateTime, formatRelative } from '../../components/time-format';
import { shortUserAgent } from '../../components/user-agent';

interface StatCardProps {
  label: string;
  value: number | undefined;
  icon: Icon;
  to?: string;
  tone?: string;
}

export function StatCard({ label, value, icon: IconComponent, to, tone }: StatCardProps) {
  const body = (
    <Group justify="space-between" wrap="nowrap">
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {value === undefined ? (
          <Skeleton h={30} w={40} mt={4} />
        ) : (
          <Text fz={28} fw={700} lh={1.2} aria-label={`${label}: ${value}`}>
            {value}
          </Text>
        )}
      </div>
      <ThemeIcon size={42} radius="md" variant="light" color={tone}>
        <IconComponent size={22} />
      </ThemeIcon>
    </Group>
  );
  return to ? (
    <Card component={Link} to={to} style={{ color: 'inherit' }}>
      {body}
    </Card>
  ) : (
    <Card>{body}</Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" component="div" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function CardTitle({ icon: IconComponent, children }: { icon: Icon; children: React.ReactNode }) {
  return (
    <Group gap="xs" mb="md">
      <IconComponent size={20} stroke={1.6} />
      <Text fw={600} component="h2" size="lg" m={0}>
        {children}
      </Text>
    </Group>
  );
}

export function AccountCard({ user }: { user: User }) {
  return (
    <Card>
      <CardTitle icon={IconUserCircle}>Account</CardTitle>
      <Stack gap="sm">
        <Fact label="Username">{user.username}</Fact>
        <Fact label="Email">{user.email}</Fact>
        <Fact label="Role">
          <Badge color={user.role === 'admin' ? 'grape' : 'gray'}>{user.role}</Badge>
        </Fact>
        <Fact label="Member since">{formatDate(user.createdAt)}</Fact>
      </Stack>
    </Card>
  );
}

interface CurrentSessionCardProps {
  session: SessionInfo['session'];
  device: Device | undefined;
  listed: SessionListItem | undefined;
}

export function CurrentSessionCard({ session, device, listed }: CurrentSessionCardProps) {
  return (
    <Card>
      <CardTitle icon={IconDeviceLaptop}>This session</CardTitle>
      <Stack gap="sm">
        <Fact label="Device">
          {device ? (
            <Group gap={6} justify="flex-end">
              {device.label}
              <Badge color={device.trusted ? 'teal' : 'gray'}>{device.trusted ? 'Trusted' : 'Not trusted'}</Badge>
            </Group>
          ) : session.deviceId ? (
            <Skeleton h={16} w={120} />
          ) : (
            'Not recorded'
          )}
        </Fact>
        <Fact label="Browser">{listed ? shortUserAgent(listed.userAgent) : '…'}</Fact>
        <Fact label="IP address">{listed ? (listed.ip ?? 'Unknown') : '…'}</Fact>
        <Fact label="Signed in">
          <span title={formatDateTime(session.createdAt)}>{formatRelative(session.createdAt)}</span>
        </Fact>
        <Fact label="Expires">{formatDateTime(session.expiresAt)}</Fact>
      </Stack>
      <Anchor component={Link} to="/devices" size="sm" mt="md">
        <Group gap={4}>
          Manage devices and sessions <IconArrowRight size={14} />
        </Group>
      </Anchor>
    </Card>
  );
}
