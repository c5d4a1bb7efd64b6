// /sign-up: creates an account (username, email, password), checked here with the server's own
// Zod rules; the server's field errors (a taken username, a password it refuses and why) show
// under the fields. A strength meter advises on the password as it is typed.
import { Link } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { registerInput } from '../../../shared/schemas/auth';
import { describeProblem, sentenceCase } from '../../components/errors';
import { GuestLayout, revealToggleProps } from '../../components/guest-layout';
import { useEnterSession } from '../../components/session';
import { deviceReport } from '../../device';
import { trpc } from '../../trpc';
import { PasswordStrength } from './password-strength';

const accountFields = registerInput.pick({ username: true, email: true, password: true });
type AccountValues = { username: string; email: string; password: string };

/** The same rules the server applies, so most mistakes show before a round trip. */
function validateAccount(values: AccountValues): Record<string, string> {
  const result = accountFields.safeParse(values);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0])] ??= sentenceCase(issue.message);
  }
  return errors;
}

export function SignUpPage() {
  const enter = useEnterSession();
  const register = trpc.auth.register.useMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AccountValues>({
    mode: 'controlled',
    initialValues: { username: '', email: '', password: '' },
    validate: validateAccount,
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await register.mutateAsync({ ...values, device: deviceReport() });
      enter();
    } catch (error) {
      const problem = describeProblem(error);
      form.setErrors(problem.fieldErrors);
      if (Object.keys(problem.fieldErrors).length === 0) setFormError(problem.message);
    }
  });

  return (
    <GuestLayout
      title="Create your account"
      subtitle={
        <>
          Already have one?{' '}
          <Anchor component={Link} to="/sign-in" size="sm">
            Sign in
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
            label="Username"
            description="3–32 characters: a–z, 0–9 and _"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.getInputProps('username')}
          />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description="At least 10 characters; not a common password, and not your username or email"
            autoComplete="new-password"
            required
            visibilityToggleButtonProps={revealToggleProps}
            {...form.getInputProps('password')}
          />
          <PasswordStrength password={form.values.password} userInputs={[form.values.username, form.values.email]} />
          <Button type="submit" loading={register.isPending} fullWidth mt="xs">
            Create account
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            This browser is remembered as a device of your account.
          </Text>
        </Stack>
      </form>
    </GuestLayout>
  );
}
