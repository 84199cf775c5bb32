import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { POLICY } from '@sg/complaint-service';
import { type Policy, unreachableQuorum } from '@sg/complaints';
import { ConfigurationError, type EnvironmentVariables } from '@sg/config';
import { demoCounty, Directory, loadDemoCountyIfEmpty } from '@sg/directory';
import { DemoAccounts } from './auth/demo-accounts';

/**
 * Before the API opens: with DEMO_DATA=load-if-empty an empty store gets the demo county and its
 * people accounts to sign in with; then the
 * policy is checked against the Board as the directory has it, so a quorum no Board could meet
 * stops the start rather than leaving every reimbursement unapprovable.
 */
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');
  /** The quorum is checked on every start, demo or not: its lines are not the demo's. */
  private readonly quorumLogger = new Logger('BoardQuorum');

  constructor(
    private readonly directory: Directory,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly accounts: DemoAccounts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('DEMO_DATA', { infer: true }) === 'load-if-empty') {
      const started = Date.now();
      const result = await loadDemoCountyIfEmpty(this.directory);
      if (result.loaded) {
        await this.accounts.open(demoCounty().people);
        this.logger.log(
          `loaded the demo county: ${result.schools} schools, ${result.feeAgreements} contracts and bookings, ${result.people} people (${Date.now() - started} ms)`,
        );
      }
    }
    await this.checkQuorum();
  }

  private async checkQuorum(): Promise<void> {
    let members: number;
    try {
      members = (await this.directory.holdersOf('board-member')).length;
    } catch (error) {
      // An unreachable store is /health's to report; the quorum is checked at the next start.
      this.quorumLogger.warn(`cannot check the Board's quorum now: ${(error as Error).message}`);
      return;
    }
    if (members === 0) {
      this.quorumLogger.warn(
        'the directory has no Board members yet: escalated complaints wait for them',
      );
      return;
    }
    const problem = unreachableQuorum(this.policy, members);
    if (problem) throw new ConfigurationError([`POLICY_FILE: ${problem}`]);
  }
}
