import { Logger } from '@nestjs/common';
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

  private ready(): Promise<OidcSignIn> {
    this.provider ??= createOpenIdClientSignIn(this.settings).catch((error: unknown) => {
      this.provider = null;
      this.logger.error(`The identity provider could not be reached: ${String(error)}`);
      throw error;
    });
    return this.provider;
  }
}

/** Plain HTTP only to a provider on this machine (a test, a local demo); HTTPS to any other. */
export const isLoopbackUrl = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
