// The home page's age verification: check "over N" by date of birth (used once, never stored) or
// by self-declaration, and list the answers on record.
import { Badge, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCake } from '@tabler/icons-react';
import { describeProblem } from '../../components/errors';
import { formatDateTime } from '../../components/time-format';
import { trpc } from '../../trpc';

type Method = 'date_of_birth' | 'self_declaration';
interface AgeValues {
  minimumAge: number | string;
  method: Method;
  dateOfBirth: string;
  declaredOver: boolean;
}

const methodLabels: Record<Method, string> = { date_of_birth: 'Date of birth', self_declaration: 'Self-declaration' };
const todayIso = () => new Date().toLocaleDateString('en-CA'); // YYYY-MM-DD in the viewer's zone

function StoredResults() {
  const stored = trpc.auth.ageVerifications.useQuery();
  const items = stored.data?.items ?? [];
  if (!items.length) {
    return (
      <Text size="sm" c="dimmed">
        No age checks on record yet.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} fz="sm" aria-label="Age checks on record">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Age</Table.Th>
          <Table.Th>Result</Table.Th>
          <Table.Th>Method</Table.Th>
          <Table.Th>Checked</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.minimumAge}>
            <Table.Td>{item.minimumAge}+</Table.Td>
            <Table.Td>
              <Badge color={item.over ? 'teal' : 'red'}>{item.over ? 'Over' : 'Under'}</Badge>
            </Table.Td>
            <Table.Td>{methodLabels[item.method]}</Table.Td>
            <Table.Td>{formatDateTime(item.verifiedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AgeVerificationCard() {
  const utils = trpc.useUtils();
  const verify = trpc.auth.verifyAge.useMutation();
  const form = useForm<AgeValues>({
    mode: 'controlled',
    initialValues: { minimumAge: 18, method: 'date_of_birth', dateOfBirth: '', declaredOver: false },
    validate: {
      minimumAge: (v) => (Number.isInteger(v) && Number(v) >= 1 && Number(v) <= 130 ? null : 'Enter an age from 1 to 130'),
      dateOfBirth: (v, values) => {
        if (values.method !== 'date_of_birth') return null;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'Enter your date of birth';
        return v > todayIso() ? 'Must not be in the future' : null;
      },
    },
  });
  const { minimumAge, method } = form.values;

  const submit = form.onSubmit(async (values) => {
    try {
      const result = await verify.mutateAsync({
        minimumAge: Number(values.minimumAge),
        method: values.method,
        ...(values.method === 'date_of_birth' ? { dateOfBirth: values.dateOfBirth } : { declaredOver: values.declaredOver }),
      });
      notifications.show({
        color: result.over ? 'teal' : 'gray',
        title: 'Age check saved',
        message: result.over ? `Verified as ${result.minimumAge} or older.` : `Recorded as under ${result.minimumAge}.`,
      });
      form.setFieldValue('dateOfBirth', '');
      await utils.auth.ageVerifications.invalidate();
    } catch (error) {
      const problem = describeProblem(error);
      if (Object.keys(problem.fieldErrors).length) form.setErrors(problem.fieldErrors);
      else notifications.show({ color: 'red', title: 'Could not check age', message: problem.message });
    }
  });

  return (
    <Card>
      <Group gap="xs" mb="xs">
        <IconCake size={20} stroke={1.6} />
        <Text fw={600} component="h2" size="lg" m={0}>
          Age verification
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Only the answer is kept. A date of birth is used for the check and then discarded.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Verify age">
        <Stack gap="sm">
          <Group align="flex-end">
            <NumberInput
              label="Minimum age"
              w={120}
              min={1}
              max={130}
              allowDecimal={false}
              {...form.getInputProps('minimumAge')}
            />
            <Stack gap={4} style={{ flex: '1 1 220px' }}>
              <Text size="sm" fw={500} id="age-method-label">
                Method
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="age-method-label"
                data={[
                  { value: 'date_of_birth', label: 'Birth date' },
                  { value: 'self_declaration', label: 'Declaration' },
                ]}
                {...form.getInputProps('method')}
              />
            </Stack>
          </Group>
          {method === 'date_of_birth' ? (
            <TextInput label="Date of birth" type="date" max={todayIso()} {...form.getInputProps('dateOfBirth')} />
          ) : (
            <Checkbox
              label={`I am ${Number(minimumAge) || 'the minimum age'} years old or older`}
              {...form.getInputProps('declaredOver', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={verify.isPending}>
              Verify age
            </Button>
          </Group>
        </Stack>
      </form>
      <Stack gap="xs" mt="lg">
        <Text size="sm" fw={600}>
          On record
        </Text>
        <StoredResults />
      </Stack>
    </Card>
  );
}
