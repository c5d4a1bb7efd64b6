// The modal that shows a secret (API key, webhook signing secret) the one time it is returned, with a copy button.
import { useRef } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

export interface RevealedSecret {
  title: string;
  description: string;
  secret: string;
}

export function SecretOnceModal({ revealed, onClose }: { revealed: RevealedSecret | null; onClose: () => void }) {
  // Keep the content while the modal fades out; forget it once it is gone from the page.
  const last = useRef<RevealedSecret | null>(null);
  if (revealed) last.current = revealed;
  const shown = revealed ?? last.current;
  return (
    <Modal
      opened={revealed !== null}
      onClose={onClose}
      onExitTransitionEnd={() => (last.current = null)}
      title={shown?.title}
      size="lg"
      centered
      closeOnClickOutside={false}
    >
      {shown && (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Copy it now">
            This is the only time it is shown: CalOS keeps no readable copy, so it will not be shown again.
            If you lose it, create a new one.
          </Alert>
          <Text size="sm">{shown.description}</Text>
          <Group gap="xs" wrap="nowrap" align="stretch">
            <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} fz="sm">
              {shown.secret}
            </Code>
            <CopyButton value={shown.secret} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  h="auto"
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              I have copied it
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
