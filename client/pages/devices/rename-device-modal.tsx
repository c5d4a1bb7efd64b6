// The modal that renames a device (1–100 characters), with the server's answer shown in place.
import { useRef } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Device } from '../../../shared/schemas/auth';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

function RenameForm({ device, onClose }: { device: Device; onClose: () => void }) {
  const utils = trpc.useUtils();
  const rename = trpc.auth.renameDevice.useMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { label: device.label },
    validate: {
      label: (v: string) => (!v.trim() ? 'Enter a name' : v.trim().length > 100 ? 'Must be at most 100 characters' : null),
    },
  });

  const submit = form.onSubmit(async ({ label }) => {
    try {
      await rename.mutateAsync({ deviceId: device.id, label: label.trim() });
      await Promise.all([utils.auth.devices.invalidate(), utils.auth.sessions.invalidate()]);
      onClose();
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors({ label: problem.fieldErrors.label ?? problem.message });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Device name" data-autofocus maxLength={100} {...form.getInputProps('label')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={rename.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RenameDeviceModal({ device, onClose }: { device: Device | null; onClose: () => void }) {
  // Keep showing the last device while the modal fades out.
  const last = useRef<Device | null>(null);
  if (device) last.current = device;
  const shown = device ?? last.current;
  return (
    <Modal opened={device !== null} onClose={onClose} title="Rename device" centered>
      {shown && <RenameForm key={shown.id} device={shown} onClose={onClose} />}
    </Modal>
  );
}
