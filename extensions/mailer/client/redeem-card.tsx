// Redeem a coupon code from a mailer: the server tells a typo (wrong check character) from an
// unknown, used or expired code, and the card says which, under the field.
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTicket } from '@tabler/icons-react';
import { describeProblem, retryHint, trpc } from '../../../client/extension-api';

const HINTS: Record<string, string> = {
  TYPO: 'That code has a typo: one character does not match. Check it against your card.',
  INVALID_CHARACTERS: 'Codes never use 0, O, 1, I or L. Check those characters against your card.',
  WRONG_LENGTH: 'A code has 12 characters, like ABCD-EFGH-JKMN.',
};

function explain(error: unknown): string {
  const problem = describeProblem(error);
  const hint = typeof problem.details.hint === 'string' ? HINTS[problem.details.hint] : undefined;
  if (hint) return hint;
  if (problem.code === 'NOT_FOUND') return 'We do not know this code. Check it, or it may belong to another mailing.';
  if (problem.code === 'GONE') return 'This coupon has expired.';
  if (problem.code === 'RATE_LIMITED') return `Too many tries.${retryHint(problem)}`;
  return problem.message;
}

export function RedeemCard() {
  const utils = trpc.useUtils();
  const redeem = trpc.mailer.redeem.useMutation();
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: (v: string) => (v.trim() ? null : 'Enter the code from your card') } });
  const submit = form.onSubmit(async ({ code }) => {
    try {
      await redeem.mutateAsync({ code: code.trim() });
      form.reset();
      await utils.mailer.inventory.invalidate();
    } catch (error) {
      form.setErrors({ code: explain(error) });
    }
  });
  const done = redeem.data;
  return (
    <Card component="section" aria-label="Redeem a coupon">
      <Title order={2} size="h3">
        Redeem a coupon
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Type the code printed on your mailer. Case, spaces and dashes do not matter.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group align="flex-start">
            <TextInput
              label="Coupon code"
              placeholder="ABCD-EFGH-JKMN"
              maxLength={64}
              autoComplete="off"
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
              {...form.getInputProps('code')}
            />
            <Button type="submit" mt={25} loading={redeem.isPending} leftSection={<IconTicket size={16} />}>
              Redeem
            </Button>
          </Group>
          {done && (
            <Alert color="green" title={`Redeemed: ${done.redemption.campaignName}`}>
              {done.benefits
                .map((b) =>
                  b.type === 'xp_boost'
                    ? `${b.boost.multiplier}× XP${b.boost.skill ? ` in ${b.boost.skill}` : ''}`
                    : b.type === 'free_action'
                      ? `${b.uses} free ${b.actionCode}`
                      : `${b.xp} XP in ${b.skill}`,
                )
                .join(', ')}
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
