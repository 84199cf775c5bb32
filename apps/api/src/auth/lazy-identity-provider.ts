import { Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  createOpenIdClientSignIn,
  type OidcChecks,
  type OidcSignIn,
  type OpenIdClientSignInSettings,
} from '@sg/auth';

/**
 * Finds the identity provider (discovery) when someone first signs in with it, and again after a
 * failure, so the engine starts, and keeps serving everyone else, while the provider is away.
 */
export class LazyIdentityProvider implements OidcSignIn {
  private provider: Promise<OidcSignIn> | null = null;
  private readonly logger = new Logger('SignIn');

  constructor(private readonly settings: OpenIdClientSignInSettings) {}

  async begin() {
    return (await this.ready()).begin();
  }

  async complete(callbackUrl: URL, checks: OidcChecks) {
    return (await this.ready()).complete(callbackUrl, checks);
  }

  /**
   * The provider, found; while it cannot be, a 503 that says so (the cause is logged for the
   * operator), not an internal error: a person can try again or sign in another way.
   */
  private ready(): Promise<OidcSignIn> {
    this.provider ??= createOpenIdClientSignIn(this.settings).catch((error: unknown) => {
      this.provider = null;
      this.logger.error(`The identity provider could not be reached: ${String(error)}`);
      throw new ServiceUnavailableException({
        code: 'IDENTITY_PROVIDER_UNAVAILABLE',
        message:
          'The council’s sign-in service cannot be reached just now. Try again in a few minutes, or sign in with an email link.',
      });
    });
    return this.provider;
  }
}
