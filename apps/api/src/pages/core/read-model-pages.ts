import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { ComplaintQueries } from '@sg/read-models';
import { DirectoryNames } from './directory-names';
import { PageRenderer } from './page-renderer';

/**
 * A page that shows what the read models hold (a queue, a search, the report): it reads them as
 * of now, names what they keep only ids for from the directory (remembered a minute), and renders. The lists each
 * declare their routes and read what they need from here.
 */
@Injectable()
export abstract class ReadModelPages {
  constructor(
    protected readonly pages: PageRenderer,
    protected readonly queries: ComplaintQueries,
    protected readonly names: DirectoryNames,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}
}
