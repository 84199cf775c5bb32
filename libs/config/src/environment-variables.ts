import { parseClosureDays } from '@sg/working-days';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const WORKER_MODES = ['in-process', 'separate'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export const EVENT_STORES = ['sqlite', 'eventstoredb'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];
export type WorkerMode = (typeof WORKER_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type EventStoreKind = (typeof EVENT_STORES)[number];

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

/** Leaves anything that is not plainly a whole number as it came, so @IsInt reports it. */
function toWholeNumber({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

function IsClosureDays(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isClosureDays',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            parseClosureDays(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage(args: ValidationArguments) {
          try {
            parseClosureDays(String(args.value));
          } catch (error) {
            return (error as Error).message;
          }
          return 'must be comma-separated dates or ranges';
        },
      },
    });
}

/** Every setting the engine reads from its environment, with its default and its rule. */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS, oneOf(NODE_ENVS))
  NODE_ENV: NodeEnv = 'development';

  /** 0 asks the operating system for any free port. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 0 to 65535' })
  @Min(0, { message: 'must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'must be a whole number from 0 to 65535' })
  PORT = 3000;

  /** `in-process`: the API process also runs the worker (embedded mode). */
  @IsIn(WORKER_MODES, oneOf(WORKER_MODES))
  WORKER_MODE: WorkerMode = 'in-process';

  @IsIn(LOG_LEVELS, oneOf(LOG_LEVELS))
  LOG_LEVEL: LogLevel = 'log';

  /** Where embedded mode keeps its files (the SQLite event store, checkpoints). */
  @IsNotEmpty({ message: 'must name a folder' })
  DATA_DIR = './data';

  /** `sqlite`: the embedded store in DATA_DIR; `eventstoredb`: an EventStoreDB / KurrentDB server. */
  @IsIn(EVENT_STORES, oneOf(EVENT_STORES))
  EVENT_STORE: EventStoreKind = 'sqlite';

  /** Required with EVENT_STORE=eventstoredb, e.g. `esdb://localhost:2113?tls=false`. */
  @ValidateIf((config: EnvironmentVariables) => config.EVENT_STORE === 'eventstoredb')
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'must be an esdb:// or esdb+discover:// connection string when EVENT_STORE=eventstoredb',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Council closure days beyond bank holidays, e.g. `2026-12-29..2026-12-31`. */
  @IsClosureDays()
  COUNCIL_CLOSURE_DAYS = '';
}
