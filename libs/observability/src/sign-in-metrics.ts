import { Counter, type Registry } from 'prom-client';
import { registered } from './registered';

/** `sg_sign_in_failures_total{method}`: refused sign-ins, by password, email-link or identity-provider. */
export function countSignInFailures(registry: Registry): (method: string) => void {
  const failures = registered(
    registry,
    'sg_sign_in_failures_total',
    (name) =>
      new Counter({
        name,
        help: 'Sign-ins refused (a wrong password or code, an unknown address, a provider’s refusal), by method',
        labelNames: ['method'],
        registers: [registry],
      }),
  );
  return (method) => failures.inc({ method });
}
