import type { Notice } from '../notice';
import type { LoadedPolicies } from './policy-store';

/** The technician's notices about head office's policy: the last one refused, and a saved one no longer trusted. */
export function policyNotices(loaded: LoadedPolicies): Notice[] {
  const notices: Notice[] = loaded.problems.map((message) => ({ code: 'policy', message, detail: 'policy.json' }));
  if (loaded.refusal) {
    notices.push({ code: 'policy', message: loaded.refusal.message, detail: `${loaded.refusal.at}: ${loaded.refusal.detail}` });
  }
  return notices;
}
