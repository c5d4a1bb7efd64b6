// zxcvbn-ts set up for the sign-up page's strength meter: imported only through a dynamic import
// (password-strength.tsx), so its code and the breached-password list load with that page and never
// with the main bundle. The English word lists stay out: they are large, and the meter is advice;
// the server's check (server/modules/auth/password-policy.ts) is what accepts or refuses.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { translations } from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary });

export interface Estimate {
  /** 0 (guessed at once) to 4 (very unlikely to be guessed). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestion: string | null;
}

export function estimatePassword(password: string, userInputs: string[]): Estimate {
  const result = zxcvbn.check(password, userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning || null,
    suggestion: result.feedback.suggestions[0] ?? null,
  };
}
