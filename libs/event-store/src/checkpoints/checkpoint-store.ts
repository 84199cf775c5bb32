import { type Position } from '../position';

/** Where a reaction records the position of the last event it finished with. */
export interface CheckpointStore {
  load(name: string): Promise<Position | null>;
  save(name: string, position: Position): Promise<void>;
}
