import { Directory, DirectoryWriter, LLE_SERVICES } from '@sg/directory';
import { type EventStore } from '@sg/event-store';

const BY = { id: 'bench', role: 'system' } as const;

/** The people the benchmark reads as, through the development header. */
export const READERS = {
  /** Sees every complaint and the report: the complaint page and the report page. */
  support: 'bench-support',
  /** Schools HR's manager: the service queue. */
  manager: 'bench-manager',
} as const;

/** The service whose queue is read: the histories spread complaints evenly over the services. */
export const QUEUED_SERVICE = 'schools-hr';

/**
 * The directory the pages read beside the complaints: the services (their names on the report),
 * the two readers, and a Board that can make the default quorum (without one the API warns).
 */
export async function writeBenchDirectory(store: EventStore): Promise<void> {
  const writer = new DirectoryWriter(new Directory(store), { actor: BY });
  await writer.services(LLE_SERVICES);
  await writer.person({
    personId: READERS.support,
    name: 'Bench Support',
    email: 'bench-support@example.org',
    roles: [{ role: 'business-support' }],
  });
  await writer.person({
    personId: READERS.manager,
    name: 'Bench Manager',
    email: 'bench-manager@example.org',
    roles: [{ role: 'service-manager', serviceIds: [QUEUED_SERVICE] }],
  });
  for (const [i, chair] of [true, false, false].entries())
    await writer.person({
      personId: `bench-board-${i + 1}`,
      name: `Board member ${i + 1}`,
      email: `bench-board-${i + 1}@example.org`,
      roles: [{ role: 'board-member', chair }],
    });
}
