// /reset-password?token=…: the link CalOS mails to reset a password. A new password (screened as at
// sign-up); every session of the account ends.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { GuestLayout, revealToggleProps } from '../../components/guest-layout';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const reset = trpc.auth.resetPassword.useMutation();
  return (
    <GuestLayout title="Choose a new password" subtitle="At least 10 characters, not a common one.">
      {!token ? (
        <Alert color="red">This link is not complete: open the link from the mail as it is.</Alert>
      ) : reset.isSuccess ? (
        <Alert color="green" title="Password changed">
          Your password is changed and every session of your account has ended. Sign in with the new one.
        </Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate({ token, password });
          }}
        >
          <Stack>
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              required
              visibilityToggleButtonProps={revealToggleProps}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {reset.error && (
              <Text size="sm" c="red" role="alert">
                {describeProblem(reset.error).message}
              </Text>
            )}
            <Button type="submit" loading={reset.isPending}>
              Set new password
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" mt="md">
        <Anchor component={Link} to="/sign-in">
          Go to sign in
        </Anchor>
      </Text>
    </GuestLayout>
  );
}
