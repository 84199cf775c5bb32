import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Found = ReturnType<Lookup>;

const keeping = new WeakSet<Storage>();

/**
 * class-validator looks a DTO's rules up again on every validation, testing every decorated class
 * in the process for being an ancestor of it (typestack/class-validator#2686): for a query of a
 * few optional fields, half the cost of checking it. The rules are all registered as the classes
 * are loaded, before the first request, so each lookup's answer is kept; registering a rule later
 * forgets them all. Done once per process, on the storage every copy of Nest's pipe shares.
 */
export function keepValidationMetadataLookups(storage: Storage = getMetadataStorage()): void {
  if (keeping.has(storage)) return;
  keeping.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let answers = new Map<Parameters<Lookup>[0], Map<string, Found>>();
  let grouped = new WeakMap<Found, ReturnType<Storage['groupByPropertyName']>>();
  const forget = () => {
    answers = new Map();
    grouped = new WeakMap();
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map<string, Found>()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let byName = grouped.get(metadatas);
    if (!byName) grouped.set(metadatas, (byName = group(metadatas)));
    return byName;
  };
  const forgetting =
    <Argument>(register: (argument: Argument) => void) =>
    (argument: Argument) => {
      forget();
      register(argument);
    };
  storage.addValidationMetadata = forgetting(storage.addValidationMetadata.bind(storage));
  storage.addConstraintMetadata = forgetting(storage.addConstraintMetadata.bind(storage));
  storage.addValidationSchema = forgetting(storage.addValidationSchema.bind(storage));
}
