// A failed operator call on a form: the server's field errors under their fields, anything else
// (or a field the form does not have) in the form's alert.
import type { UseFormReturnType } from '@mantine/form';
import { describeProblem } from '../../components/errors';

export function showProblem<T extends Record<string, unknown>>(form: UseFormReturnType<T>, error: unknown, setAlert: (message: string | null) => void) {
  const problem = describeProblem(error);
  const known = Object.entries(problem.fieldErrors).filter(([field]) => field in form.values);
  form.setErrors(Object.fromEntries(known));
  const others = Object.entries(problem.fieldErrors).filter(([field]) => !(field in form.values));
  setAlert(known.length && !others.length ? null : others.length ? others.map(([field, message]) => `${field}: ${message}`).join(' ') : problem.message);
}
