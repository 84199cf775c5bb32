import { roleGrantsProblem } from '@sg/directory';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export function IsRoleGrants(field: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRoleGrants',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => roleGrantsProblem(value) === null,
        defaultMessage: (args) => `${field} ${roleGrantsProblem(args?.value) ?? 'is not valid'}`,
      },
    });
}
