// A campaign's code batches: generate one (the codes are shown once, and the CSV for the print
// house can be downloaded once), and see how many of each batch were redeemed.
import { Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { describeProblem, formatDateTime, trpc } from '../../../client/extension-api';
import { saveTextFile } from './save-file';

export function BatchesCard({ campaignId }: { campaignId: string }) {
  const utils = trpc.useUtils();
  const batches = trpc.mailer.batches.useQuery({ campaignId, limit: 100 });
  const generate = trpc.mailer.generateCoupons.useMutation();
  const take = trpc.mailer.takeBatchCsv.useMutation();
  const form = useForm({ mode: 'controlled', initialValues: { count: 100 as number | string, usesPerCode: 1 as number | string } });

  const submit = form.onSubmit(async (v) => {
    try {
      const made = await generate.mutateAsync({ campaignId, count: Number(v.count), usesPerCode: Number(v.usesPerCode) });
      notifications.show({ title: `${made.count} codes generated`, message: 'Download the CSV now: codes are not kept in clear.' });
      await utils.mailer.batches.invalidate({ campaignId });
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors(Object.keys(problem.fieldErrors).length ? problem.fieldErrors : { count: problem.message });
    }
  });
  const download = async (batchId: string) => {
    try {
      const file = await take.mutateAsync({ batchId });
      saveTextFile(file.filename, file.csv);
    } catch (error) {
      notifications.show({ color: 'red', message: describeProblem(error).message });
    }
    await utils.mailer.batches.invalidate({ campaignId });
  };

  return (
    <Card component="section" aria-label="Code batches">
      <Title order={2} size="h3" mb="md">
        Code batches
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" mb="md">
          <NumberInput label="Codes" min={1} max={100_000} {...form.getInputProps('count')} />
          <NumberInput label="Uses per code" min={1} {...form.getInputProps('usesPerCode')} />
          <Button type="submit" loading={generate.isPending}>
            Generate codes
          </Button>
        </Group>
      </form>
      {batches.data && batches.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Created</Table.Th>
                <Table.Th>Codes</Table.Th>
                <Table.Th>Uses per code</Table.Th>
                <Table.Th>Redeemed</Table.Th>
                <Table.Th>CSV</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>{b.count}</Table.Td>
                  <Table.Td>{b.usesPerCode}</Table.Td>
                  <Table.Td>{b.redeemed}</Table.Td>
                  <Table.Td>
                    {b.csvAvailable ? (
                      <Button size="xs" variant="light" onClick={() => download(b.id)} loading={take.isPending}>
                        Download CSV (once)
                      </Button>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Downloaded {b.csvDownloadedAt ? formatDateTime(b.csvDownloadedAt) : ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">No batches yet.</Text>
        </Stack>
      )}
    </Card>
  );
}
