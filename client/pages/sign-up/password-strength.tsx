// The strength meter under the sign-up password: a zxcvbn-ts score as the password is typed, as
// advice only (the server never refuses on a score). The estimator loads on first use.
import { useEffect, useState } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import type { Estimate } from './password-estimator';

let estimator: Promise<typeof import('./password-estimator')> | undefined;
const loadEstimator = () => (estimator ??= import('./password-estimator'));

const levels = [
  { label: 'Very weak', color: 'red' },
  { label: 'Weak', color: 'orange' },
  { label: 'Fair', color: 'yellow' },
  { label: 'Strong', color: 'teal' },
  { label: 'Very strong', color: 'green' },
] as const;

export function PasswordStrength({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const inputs = userInputs.join('\n');

  useEffect(() => {
    if (!password) {
      setEstimate(null);
      return;
    }
    let current = true;
    // A short pause, so that a fast typist's every key does not run a full estimate.
    const timer = setTimeout(() => {
      loadEstimator()
        .then(({ estimatePassword }) => {
          if (current) setEstimate(estimatePassword(password.slice(0, 256), inputs ? inputs.split('\n') : []));
        })
        .catch(() => {
          // No meter (the chunk failed to load): the form works without it.
        });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, inputs]);

  if (!password || !estimate) return null;
  const level = levels[estimate.score];
  const hint = estimate.warning ?? estimate.suggestion;
  return (
    <Stack gap={4} aria-live="polite">
      <Progress value={(estimate.score + 1) * 20} color={level.color} size="sm" aria-label="Strength meter" />
      <Text size="xs" c="dimmed">
        Strength: {level.label}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
