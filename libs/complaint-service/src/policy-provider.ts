import { ConfigurationError } from '@sg/config';
import { DEFAULT_POLICY, type Policy, parsePolicy, PolicyError } from '@sg/complaints';
import { readFileSync } from 'node:fs';

export const POLICY = Symbol('Policy');

/** The policy in force: the file POLICY_FILE names, checked field by field, or the built-in one. */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return DEFAULT_POLICY;
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError([
      `POLICY_FILE ${file} cannot be read as JSON: ${(error as Error).message}`,
    ]);
  }
  try {
    return parsePolicy(document);
  } catch (error) {
    if (error instanceof PolicyError)
      throw new ConfigurationError(error.problems.map((p) => `POLICY_FILE ${file}: ${p}`));
    throw error;
  }
}
