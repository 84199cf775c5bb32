/** An element of a parsed XML document, enough for a test to look inside generated SVG. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (not its descendants'), entities decoded. */
  readonly text: string;
  /** Character data and child elements in document order. */
  readonly content: readonly (string | XmlElement)[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const isNameCharacter = (character: string) => /[A-Za-z0-9_:.-]/.test(character);

function decode(raw: string, at: number): string {
  let decoded = '';
  for (let i = 0; i < raw.length; i++) {
    const character = raw[i];
    if (character === '<') throw new Error(`a bare "<" at ${at + i}`);
    if (character !== '&') {
      decoded += character;
      continue;
    }
    const end = raw.indexOf(';', i);
    if (end < 0) throw new Error(`a bare "&" at ${at + i}`);
    const entity = raw.slice(i + 1, end);
    if (entity in NAMED_ENTITIES) decoded += NAMED_ENTITIES[entity];
    else if (/^#[0-9]+$/.test(entity)) decoded += String.fromCodePoint(Number(entity.slice(1)));
    else if (/^#x[0-9A-Fa-f]+$/.test(entity))
      decoded += String.fromCodePoint(parseInt(entity.slice(2), 16));
    else throw new Error(`an unknown entity "&${entity};" at ${at + i}`);
    i = end;
  }
  return decoded;
}

/**
 * Parses a document of elements, attributes and text (all that the charts write: no comments,
 * declarations or CDATA) and throws at the first thing that is not well-formed XML: a tag left
 * open or closed out of turn, an unquoted or repeated attribute, a bare "&" or "<".
 */
export function parseXml(xml: string): XmlElement {
  let position = 0;
  const fail = (problem: string): never => {
    throw new Error(
      `${problem} at ${position}: ${JSON.stringify(xml.slice(position, position + 40))}`,
    );
  };
  const name = () => {
    const start = position;
    while (position < xml.length && isNameCharacter(xml[position])) position++;
    if (position === start) fail('a name expected');
    return xml.slice(start, position);
  };
  const skipSpace = () => {
    while (/\s/.test(xml[position] ?? '')) position++;
  };

  const element = (): XmlElement => {
    if (xml[position] !== '<') fail('"<" expected');
    position++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = /\s/.test(xml[position] ?? '');
      skipSpace();
      if (xml.startsWith('/>', position)) {
        position += 2;
        return { name: tag, attributes, children: [], text: '', content: [] };
      }
      if (xml[position] === '>') break;
      if (!hadSpace) fail('a space expected before an attribute');
      const attribute = name();
      if (attribute in attributes) fail(`"${attribute}" repeated`);
      skipSpace();
      if (xml[position] !== '=') fail('"=" expected');
      position++;
      skipSpace();
      const quote = xml[position];
      if (quote !== '"' && quote !== "'") fail('a quoted value expected');
      const end = xml.indexOf(quote, position + 1);
      if (end < 0) fail('an unclosed value');
      attributes[attribute] = decode(xml.slice(position + 1, end), position + 1);
      position = end + 1;
    }
    position++;
    const content: (string | XmlElement)[] = [];
    for (;;) {
      const next = xml.indexOf('<', position);
      if (next < 0) fail(`</${tag}> expected`);
      if (next > position) content.push(decode(xml.slice(position, next), position));
      position = next;
      if (xml.startsWith('</', position)) {
        position += 2;
        if (name() !== tag) fail(`</${tag}> expected`);
        skipSpace();
        if (xml[position] !== '>') fail('">" expected');
        position++;
        const children = content.filter((node) => typeof node !== 'string');
        const text = content.filter((node) => typeof node === 'string').join('');
        return { name: tag, attributes, children, text, content };
      }
      content.push(element());
    }
  };

  const root = element();
  skipSpace();
  if (position < xml.length) fail('nothing expected after the root element');
  return root;
}

/** Every element under (and including) the given one, in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}

/** The element's text and all its descendants' text, in document order. */
export function allText(element: XmlElement): string {
  return element.content.map((node) => (typeof node === 'string' ? node : allText(node))).join('');
}
