// /sign-in: signs in with a username or email and a password, reporting this device; shows wrong
// credentials and rate limits plainly, and any security alerts the sign-in raised.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { describeProblem, retryHint } from '../../components/errors';
import { GuestLayout, revealToggleProps } from '../../components/guest-layout';
import { useEnterSession } from '../../components/session';
import { deviceReport } from '../../device';
import { trpc } from '../../trpc';

type SignInValues = { login: string; password: string };

export function SignInPage() {
  const enter = useEnterSession();
  const login = trpc.auth.login.useMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : 'Enter your username or email'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await login.mutateAsync({ ...values, login: values.login.trim(), device: deviceReport() });
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
    } catch (error) {
      const problem = describeProblem(error);
      if (problem.code === 'INVALID_CREDENTIALS') {
        setFormError('Wrong login or password.');
        form.setFieldValue('password', '');
      } else if (problem.code === 'RATE_LIMITED') {
        setFormError(problem.message + retryHint(problem));
      } else if (Object.keys(problem.fieldErrors).length > 0) {
        form.setErrors(problem.fieldErrors);
      } else {
        setFormError(problem.message);
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
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </GuestLayout>
  );
}
