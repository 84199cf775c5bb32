/** A Content-Type header read per RFC 9110: its type in lower case and its parameters. */
export interface MediaType {
  readonly type: string;
  readonly parameters: ReadonlyMap<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const TYPE = new RegExp(`^\\s*(${TOKEN}/${TOKEN})\\s*$`);
const PARAMETER = new RegExp(`^\\s*(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")\\s*$`);

/** The header's media type, or null when it is not well-formed (and so cannot be trusted). */
export function mediaTypeOf(header: string): MediaType | null {
  const [typePart, ...parameterParts] = header.split(';');
  const type = TYPE.exec(typePart);
  if (!type) return null;
  const parameters = new Map<string, string>();
  for (const part of parameterParts) {
    // RFC 9110 lets a parameter be empty: `application/json;` is well-formed.
    if (part.trim() === '') continue;
    const parameter = PARAMETER.exec(part);
    if (!parameter) return null;
    const value = parameter[2].startsWith('"')
      ? parameter[2].slice(1, -1).replace(/\\(.)/g, '$1')
      : parameter[2];
    parameters.set(parameter[1].toLowerCase(), value);
  }
  return { type: type[1].toLowerCase(), parameters };
}
