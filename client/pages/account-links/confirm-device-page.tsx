// /confirm-device?token=…: the link CalOS mails when a sign-in came from a device the account has
// not used (CALOS_NEW_DEVICE_CONFIRMATION). Spends the token once, on arrival; then the sign-in works.
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Loader, Text } from '@mantine/core';
import { GuestLayout } from '../../components/guest-layout';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';

export function ConfirmDevicePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = trpc.auth.confirmDevice.useMutation();
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate({ token });
  }, [token, confirm]);

  return (
    <GuestLayout title="Confirm a new device" subtitle="Allowing a device to sign in to your account.">
      {!token ? (
        <Alert color="red">This link is not complete: open the link from the mail as it is.</Alert>
      ) : confirm.isSuccess ? (
        <Alert color="green" title="Device confirmed">
          {confirm.data.label} is confirmed: sign in again on it.
        </Alert>
      ) : confirm.error ? (
        <Alert color="red" title="Not confirmed">
          {describeProblem(confirm.error).message}
        </Alert>
      ) : (
        <Loader aria-label="Confirming" />
      )}
      <Text size="sm" mt="md">
        <Anchor component={Link} to="/sign-in">
          Sign in
        </Anchor>
      </Text>
    </GuestLayout>
  );
}
