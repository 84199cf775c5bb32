import { parseClosureDays } from '@sg/working-days';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const WORKER_MODES = ['in-process', 'separate'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];
export type WorkerMode = (typeof WORKER_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

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

  /** Council closure days beyond bank holidays, e.g. `2026-12-29..2026-12-31`. */
  @IsClosureDays()
  COUNCIL_CLOSURE_DAYS = '';
}
