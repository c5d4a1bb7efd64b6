// /forgot-password: asks for a reset link. The answer is the same for any address, so the page
// never tells whether an account has it.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { GuestLayout } from '../../components/guest-layout';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const forgot = trpc.auth.forgotPassword.useMutation();
  return (
    <GuestLayout title="Reset your password" subtitle="We mail a link to your account's verified address.">
      {forgot.isSuccess ? (
        <Alert color="green" title="Check your mail">
          If an account has this verified address, a reset link is on its way. It works once, for 30 minutes.
        </Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            forgot.mutate({ email });
          }}
        >
          <Stack>
            <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            {forgot.error && (
              <Text size="sm" c="red" role="alert">
                {describeProblem(forgot.error).message}
              </Text>
            )}
            <Button type="submit" loading={forgot.isPending}>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" mt="md">
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      </Text>
    </GuestLayout>
  );
}
