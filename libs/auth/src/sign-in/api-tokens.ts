import { type Actor, type RoleGrant } from '@sg/complaints';
import {
  directoryStreams,
  type Directory,
  requireGrantableRoles,
  roleGrantsProblem,
} from '@sg/directory';
import { type ApiTokenRecord, type CredentialStore } from '../accounts/credential-store';
import { digestOf, newApiToken, parseApiToken, sameDigest } from '../credentials';
import { needsSecondFactor } from './second-factor-policy';
import { SignInRefused } from './sign-in-refused';

/**
 * How long a token may work for at most: an integration's secret is rotated at least this often,
 * so that one copied somewhere and forgotten does not work for ever.
 */
const LONGEST_TOKEN_LIFE_YEARS = 2;
const LONGEST_TOKEN_LIFE_MS = LONGEST_TOKEN_LIFE_YEARS * 366 * 24 * 60 * 60 * 1000;
/** How often a token's last use is written: often enough to tell, rarely enough to cost nothing. */
const LAST_USE_EVERY_MS = 60_000;

export interface ApiTokenSummary {
  readonly tokenId: string;
  readonly name: string;
  readonly roles: readonly RoleGrant[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

const summaryOf = (record: ApiTokenRecord): ApiTokenSummary => ({
  tokenId: record.tokenId,
  name: record.name,
  roles: JSON.parse(record.rolesJson) as RoleGrant[],
  createdBy: record.createdBy,
  createdAt: record.createdAt,
  expiresAt: record.expiresAt,
  revokedAt: record.revokedAt,
  lastUsedAt: record.lastUsedAt,
});

/**
 * Tokens for integrations: made by an administrator, shown once, stored as a digest, acting in
 * the roles given and no others, until they expire or are revoked. A token cannot hold a role
 * that needs a second factor: only a person can decide complaints or move money.
 */
export class ApiTokens {
  constructor(
    private readonly directory: Directory,
    private readonly credentials: CredentialStore,
    private readonly now: () => Date,
  ) {}

  async create(
    request: { name: string; roles: readonly RoleGrant[]; expiresAt: string },
    by: Actor,
  ): Promise<ApiTokenSummary & { token: string }> {
    if (needsSecondFactor(request.roles))
      throw new SignInRefused(
        422,
        'ROLE_NEEDS_A_PERSON',
        'A token may not act as the Board, finance or an administrator',
      );
    if (Date.parse(request.expiresAt) <= this.now().getTime())
      throw new SignInRefused(422, 'EXPIRY_IN_THE_PAST', 'expiresAt must be in the future');
    if (Date.parse(request.expiresAt) > this.now().getTime() + LONGEST_TOKEN_LIFE_MS)
      throw new SignInRefused(
        422,
        'EXPIRY_TOO_FAR',
        `expiresAt must be within ${LONGEST_TOKEN_LIFE_YEARS} years: make a new token then`,
      );
    const { id, token } = newApiToken();
    await requireGrantableRoles(this.directory, id, request.roles);
    const createdAt = this.now().toISOString();
    const record = {
      tokenId: id,
      digest: digestOf(token),
      name: request.name,
      rolesJson: JSON.stringify(request.roles),
      createdBy: by.id,
      createdAt,
      expiresAt: new Date(request.expiresAt).toISOString(),
    };
    await this.credentials.saveApiToken(record);
    await this.directory.append(
      directoryStreams.apiToken(id),
      [
        {
          type: 'ApiTokenCreated',
          data: {
            tokenId: id,
            name: request.name,
            roles: request.roles,
            expiresAt: record.expiresAt,
          },
        },
      ],
      'no_stream',
      { actor: { id: by.id, role: 'admin' } },
    );
    return { ...summaryOf({ ...record, revokedAt: null, lastUsedAt: null }), token };
  }

  async list(): Promise<ApiTokenSummary[]> {
    return (await this.credentials.apiTokens()).map(summaryOf);
  }

  async revoke(tokenId: string, reason: string, by: Actor): Promise<boolean> {
    if (!(await this.credentials.revokeApiToken(tokenId, this.now()))) return false;
    await this.directory.append(
      directoryStreams.apiToken(tokenId),
      [{ type: 'ApiTokenRevoked', data: { tokenId, reason } }],
      'any',
      { actor: { id: by.id, role: 'admin' } },
      [this.now().toISOString()],
    );
    return true;
  }

  /** The actor a bearer token stands for, or null for any token that does not work now. */
  async authenticate(text: unknown): Promise<Actor | null> {
    const parsed = parseApiToken(text);
    if (!parsed) return null;
    const record = await this.credentials.apiToken(parsed.id);
    const now = this.now();
    if (
      !record ||
      !sameDigest(record.digest, digestOf(text as string)) ||
      record.revokedAt !== null ||
      Date.parse(record.expiresAt) <= now.getTime()
    )
      return null;
    // Roles a token cannot hold (stored before they were checked as a person's are) make it one
    // that does not work, rather than one that acts as the engine or breaks on every read.
    const roles: unknown = JSON.parse(record.rolesJson);
    if (roleGrantsProblem(roles) !== null) return null;
    if (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) >= LAST_USE_EVERY_MS)
      await this.credentials.markApiTokenUsed(record.tokenId, now);
    return {
      id: `api-token:${record.tokenId}`,
      name: `API token “${record.name}”`,
      roles: roles as RoleGrant[],
    };
  }
}
