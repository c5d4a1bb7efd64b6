// /verify-email?token=…: the link CalOS mails to confirm an address. Spends the token once, on
// arrival, and says how it went.
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Loader, Text } from '@mantine/core';
import { GuestLayout } from '../../components/guest-layout';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = trpc.auth.verifyEmail.useMutation();
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  return (
    <GuestLayout title="Email verification" subtitle="Confirming that this address is yours.">
      {!token ? (
        <Alert color="red">This link is not complete: open the link from the mail as it is.</Alert>
      ) : verify.isSuccess ? (
        <Alert color="green" title="Address verified">
          {verify.data.email} is verified: you can sign in with it.
        </Alert>
      ) : verify.error ? (
        <Alert color="red" title="Not verified">
          {describeProblem(verify.error).message}
        </Alert>
      ) : (
        <Loader aria-label="Verifying" />
      )}
      <Text size="sm" mt="md">
        <Anchor component={Link} to="/">
          Go to CalOS
        </Anchor>
      </Text>
    </GuestLayout>
  );
}
