// The user's mailing address for physical mailers: private (only you and mailer operators see it).
import { Button, Card, Checkbox, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { MailingAddress } from '../schemas';
import { describeProblem, trpc } from '../../../client/extension-api';

function AddressForm({ address }: { address: MailingAddress | null }) {
  const utils = trpc.useUtils();
  const save = trpc.mailer.setAddress.useMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      recipient: address?.recipient ?? '',
      line1: address?.line1 ?? '',
      line2: address?.line2 ?? '',
      city: address?.city ?? '',
      region: address?.region ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.country ?? '',
      optedIn: address?.optedIn ?? true,
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      await utils.mailer.address.invalidate();
      notifications.show({ message: 'Address saved.' });
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors(Object.keys(problem.fieldErrors).length ? problem.fieldErrors : { recipient: problem.message });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Recipient" {...form.getInputProps('recipient')} />
          <TextInput label="Address line 1" {...form.getInputProps('line1')} />
          <TextInput label="Address line 2" {...form.getInputProps('line2')} />
          <TextInput label="City" {...form.getInputProps('city')} />
          <TextInput label="Region or state" {...form.getInputProps('region')} />
          <TextInput label="Postal code" {...form.getInputProps('postalCode')} />
          <TextInput label="Country (2 letters)" maxLength={2} {...form.getInputProps('country')} />
        </SimpleGrid>
        <Checkbox label="Send me physical mailers" {...form.getInputProps('optedIn', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save address
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AddressCard() {
  const address = trpc.mailer.address.useQuery();
  return (
    <Card component="section" aria-label="Mailing address">
      <Title order={2} size="h3">
        Mailing address
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Where mailers with coupon codes are sent. Only you and mailer operators can see it.
      </Text>
      {address.data ? <AddressForm address={address.data.address} /> : address.isPending ? <Loader size="sm" /> : <Text c="red">{describeProblem(address.error).message}</Text>}
    </Card>
  );
}
