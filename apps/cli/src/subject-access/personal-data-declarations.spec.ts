import { join } from 'node:path';
import ts from 'typescript';
import { PERSONAL_DATA_FIELDS_BY_TYPE } from './subject-access';

/**
 * A subject access request finds only what is declared, so an event type that holds someone's
 * name, address or words undeclared is left out of every answer without anyone noticing. This
 * reads each event family's types as the compiler does and fails on any person-shaped text in
 * them (by its field's name, holding free text rather than a code) that is not declared.
 */
const root = join(__dirname, '../../../..');

const FAMILIES = [
  { file: 'libs/directory/src/directory-events.ts', map: 'DirectoryEventMap' },
  { file: 'libs/notifications/src/delivery-record.ts', union: 'DeliveryEvent' },
  { file: 'libs/complaints/src/events.ts', map: 'ComplaintEventMap' },
  { file: 'libs/mail/src/inbound/inbound-mail-events.ts', map: 'InboundMailEventMap' },
] as const;

const PERSON_SHAPED =
  /(email|name|phone|address|from|reason|note|text|rationale|resolution|subject|error|summary|details|question|givenBy|outcome|personId|value|by)$/i;

/** Person-shaped fields that are not personal data, each with why. */
const NOT_PERSONAL: Readonly<Record<string, string>> = {
  'ServiceRegistered.name': 'a service of the council',
  'SchoolRegistered.name': 'a school, by its DfE name',
  'SchoolDetailsChanged.name': 'a school, by its DfE name',
  'ReimbursementCommitmentReleased.reason': 'written by the engine, not a person',
  'ReimbursementReservationReleased.reason': 'written by the engine, not a person',
  'ComplaintLodged.filesNotKept.reason': 'the attachment rules’ words, not a person’s',
  'FilesNotKept.files.reason': 'the attachment rules’ words, not a person’s',
  'InboundMailReceived.refusedFiles.reason': 'the attachment rules’ words, not a person’s',
  'ReimbursementWaiverSetAside.proposedBy':
    'a Board member’s id in the directory, as the members of ReimbursementWaived: no name or words',
};

const program = (() => {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
  return ts.createProgram(
    FAMILIES.map((family) => join(root, family.file)),
    { ...options, noEmit: true },
  );
})();
const checker = program.getTypeChecker();

const isFreeText = (type: ts.Type): boolean =>
  type.isUnion()
    ? type.types.some(isFreeText)
    : (type.flags & ts.TypeFlags.String) !== 0 ||
      (checker.isArrayType(type) &&
        isFreeText(checker.getTypeArguments(type as ts.TypeReference)[0]));

/** Every field's path in `type` (an array's elements as the array), as far as four levels down. */
function paths(type: ts.Type, prefix: string, depth = 0): { path: string; type: ts.Type }[] {
  const element = checker.isArrayType(type)
    ? checker.getTypeArguments(type as ts.TypeReference)[0]
    : type;
  const objects = (element.isUnion() ? element.types : [element]).filter(
    (member) =>
      (member.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0 &&
      !checker.isArrayType(member),
  );
  if (depth >= 4) return [];
  return objects.flatMap((object) =>
    checker.getPropertiesOfType(object).flatMap((property) => {
      const path = prefix ? `${prefix}.${property.name}` : property.name;
      const propertyType = checker.getNonNullableType(
        checker.getTypeOfSymbolAtLocation(property, property.valueDeclaration!),
      );
      return [{ path, type: propertyType }, ...paths(propertyType, path, depth + 1)];
    }),
  );
}

/** Each event type of a family with its data's type. */
function eventTypes(family: (typeof FAMILIES)[number]): { type: string; data: ts.Type }[] {
  const source = program.getSourceFile(join(root, family.file))!;
  const found = ts.forEachChild(source, (node) =>
    (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) &&
    node.name.text === ('map' in family ? family.map : family.union)
      ? node
      : undefined,
  );
  if (!found) throw new Error(`no ${JSON.stringify(family)} in ${family.file}`);
  const declared = checker.getTypeAtLocation(found);
  if ('map' in family)
    return checker.getPropertiesOfType(declared).map((property) => ({
      type: property.name,
      data: checker.getTypeOfSymbolAtLocation(property, found),
    }));
  return (declared.isUnion() ? declared.types : [declared]).map((member) => ({
    type: (
      checker.getTypeOfSymbolAtLocation(member.getProperty('type')!, found) as ts.StringLiteralType
    ).value,
    data: checker.getTypeOfSymbolAtLocation(member.getProperty('data')!, found),
  }));
}

describe('personal data declarations', () => {
  const undeclared = (family: (typeof FAMILIES)[number]) =>
    eventTypes(family).flatMap(({ type, data }) => {
      const declared = PERSONAL_DATA_FIELDS_BY_TYPE[type] ?? [];
      return paths(data, '')
        .filter(({ path, type: fieldType }) => {
          const name = path.split('.').at(-1)!;
          if (!PERSON_SHAPED.test(name) || !isFreeText(fieldType)) return false;
          if (`${type}.${path}` in NOT_PERSONAL) return false;
          return !declared.some((field) => path === field || path.startsWith(`${field}.`));
        })
        .map(({ path }) => `${type}.${path}`);
    });

  it.each(FAMILIES.map((family) => [family.file, family]))(
    'declares every event type of %s and every field in it that may hold a person’s name, address or words',
    (_, family) => {
      expect(undeclared(family)).toEqual([]);
    },
  );

  it('finds the fields it checks: a reading that found none would pass every family', () => {
    expect(
      paths(eventTypes(FAMILIES[0]).find((e) => e.type === 'PersonInvited')!.data, '')
        .filter(({ path, type }) => PERSON_SHAPED.test(path) && isFreeText(type))
        .map(({ path }) => path),
    ).toEqual(['personId', 'name', 'email']);
  });
});
