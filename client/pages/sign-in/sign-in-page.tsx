// /sign-in: signs in with a username or email and a password, or with a passkey (its own button),
// reporting this device; a password sign-in of an account that requires a passkey goes on to ask
// for one. Shows wrong credentials, rate limits and a device waiting for confirmation plainly, and
// any security alerts the sign-in raised.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconKey, IconMailCheck, IconShieldLock } from '@tabler/icons-react';
import { describeProblem, retryHint } from '../../components/errors';
import { GuestLayout, revealToggleProps } from '../../components/guest-layout';
import { useEnterSession } from '../../components/session';
import { deviceReport } from '../../device';
import { trpc } from '../../trpc';
import { askForPasskey, passkeyProblem } from './passkey-ceremony';

type SignInValues = { login: string; password: string };

export function SignInPage() {
  const enter = useEnterSession();
  const login = trpc.auth.login.useMutation();
  const passkeyOptions = trpc.auth.passkeyLoginOptions.useMutation();
  const passkeyLogin = trpc.auth.loginWithPasskey.useMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : 'Enter your username or email'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  type SignedIn = Awaited<ReturnType<typeof login.mutateAsync>>;
  const signedIn = (result: SignedIn) => {
    if (result.alerts.length > 0) {
      notifications.show({
        color: 'orange',
        icon: <IconShieldLock size={18} />,
        title: 'Check this sign-in',
        message:
          result.alerts.length === 1
            ? (result.alerts[0]!.details.reasons[0]?.message ?? 'Something about this device looks unusual.')
            : `${result.alerts.length} things about this device look unusual. Review them on your home page.`,
        autoClose: 10_000,
      });
    }
    enter();
  };

  /** A problem every way of signing in may meet: a device to confirm, a limit, the browser's refusal. */
  const showProblem = (error: unknown) => {
    const problem = describeProblem(error);
    if (problem.details.reason === 'DEVICE_CONFIRMATION_REQUIRED') return setNotice(problem.message);
    if (problem.code === 'RATE_LIMITED') return setFormError(problem.message + retryHint(problem));
    setFormError(passkeyProblem(error) ?? problem.message);
  };

  /** Asks the browser for a passkey for `options` and signs in with its answer. */
  const finishWithPasskey = async (options: Record<string, unknown>) => {
    const response = await askForPasskey(options);
    signedIn(await passkeyLogin.mutateAsync({ response, device: deviceReport() }));
  };

  const signInWithPasskey = async () => {
    setFormError(null);
    setNotice(null);
    setPasskeyBusy(true);
    try {
      const { options } = await passkeyOptions.mutateAsync();
      await finishWithPasskey(options);
    } catch (error) {
      showProblem(error);
    } finally {
      setPasskeyBusy(false);
    }
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setNotice(null);
    try {
      signedIn(await login.mutateAsync({ ...values, login: values.login.trim(), device: deviceReport() }));
    } catch (error) {
      const problem = describeProblem(error);
      if (problem.details.reason === 'SECOND_FACTOR_REQUIRED' && problem.details.options) {
        // The password was right; this account asks for one of its passkeys as well.
        setNotice('Your password is right. Now use your passkey to finish signing in.');
        setPasskeyBusy(true);
        try {
          await finishWithPasskey(problem.details.options as Record<string, unknown>);
        } catch (passkeyError) {
          setNotice(null);
          showProblem(passkeyError);
        } finally {
          setPasskeyBusy(false);
        }
      } else if (problem.code === 'INVALID_CREDENTIALS') {
        setFormError('Wrong login or password.');
        form.setFieldValue('password', '');
      } else if (Object.keys(problem.fieldErrors).length > 0) {
        form.setErrors(problem.fieldErrors);
      } else {
        showProblem(error);
      }
    }
  });

  return (
    <GuestLayout
      title="Sign in"
      subtitle={
        <>
          New to CalOS?{' '}
          <Anchor component={Link} to="/sign-up" size="sm">
            Create an account
          </Anchor>
          {' · '}
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {notice && (
            <Alert color="blue" icon={<IconMailCheck size={18} />} role="status">
              {notice}
            </Alert>
          )}
          <TextInput
            label="Username or email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.getInputProps('login')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            visibilityToggleButtonProps={revealToggleProps}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} disabled={passkeyBusy} fullWidth mt="xs">
            Sign in
          </Button>
          <Button
            variant="default"
            leftSection={<IconKey size={16} />}
            loading={passkeyBusy}
            disabled={login.isPending}
            onClick={signInWithPasskey}
            fullWidth
          >
            Use a passkey
          </Button>
        </Stack>
      </form>
    </GuestLayout>
  );
}
