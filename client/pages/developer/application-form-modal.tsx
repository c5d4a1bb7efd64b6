// The modal that creates or edits an application: a name and an optional description.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Application } from '../../../shared/schemas/developer';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

interface FormProps {
  application: Application | undefined;
  onClose: () => void;
  onSaved: (application: Application) => void;
}

function ApplicationForm({ application, onClose, onSaved }: FormProps) {
  const utils = trpc.useUtils();
  const create = trpc.developer.createApplication.useMutation();
  const update = trpc.developer.updateApplication.useMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: application?.name ?? '', description: application?.description ?? '' },
    validate: {
      name: (v: string) => (!v.trim() ? 'Enter a name' : v.trim().length > 100 ? 'Must be at most 100 characters' : null),
      description: (v: string) => (v.length > 500 ? 'Must be at most 500 characters' : null),
    },
  });

  const submit = form.onSubmit(async ({ name, description }) => {
    const values = { name: name.trim(), description: description.trim() };
    setProblem(null);
    try {
      const saved = application
        ? await update.mutateAsync({ applicationId: application.id, ...values })
        : await create.mutateAsync(values);
      utils.developer.application.setData({ applicationId: saved.id }, saved);
      await utils.developer.applications.invalidate();
      onSaved(saved);
    } catch (error) {
      const described = describeProblem(error);
      form.setErrors(described.fieldErrors);
      if (!Object.keys(described.fieldErrors).length) setProblem(described.message);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput label="Name" required data-autofocus maxLength={100} {...form.getInputProps('name')} />
        <Textarea
          label="Description"
          description="What the application does; only you see it."
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('description')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {application ? 'Save' : 'Create application'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ApplicationFormModalProps {
  opened: boolean;
  /** The application to edit; none to create one. */
  application?: Application;
  onClose: () => void;
  onSaved: (application: Application) => void;
}

export function ApplicationFormModal({ opened, application, onClose, onSaved }: ApplicationFormModalProps) {
  // The modal unmounts its content when closed, so each opening starts a fresh form.
  return (
    <Modal opened={opened} onClose={onClose} title={application ? 'Edit application' : 'New application'} centered>
      <ApplicationForm application={application} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}
