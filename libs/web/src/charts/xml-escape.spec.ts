import { parseXml } from './testing/xml-tree';
import { escapeXml } from './xml-escape';

describe('text escaped for XML', () => {
  it('turns markup into entities, so a script in a service’s name is only text', () => {
    expect(escapeXml('<script>alert("x")</script>')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
  });

  it('escapes ampersands, including ones that already look like entities', () => {
    expect(escapeXml('Fish & Chips &amp; Peas')).toBe('Fish &amp; Chips &amp;amp; Peas');
  });

  it('escapes both quotes, so text is safe in an attribute whichever quote encloses it', () => {
    expect(escapeXml(`O'Brien's "best"`)).toBe('O&apos;Brien&apos;s &quot;best&quot;');
  });

  it('replaces what XML cannot carry (control characters, lone surrogates) but keeps the rest', () => {
    expect(escapeXml('a\u0000b\u001bc\uFFFFd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXml('tab\tline\nÉcole 🎻')).toBe('tab\tline\nÉcole 🎻');
  });

  it('round-trips through an XML parser as the same text, in content and in attributes', () => {
    const text = `<b>"Tom" & 'Jerry'</b>`;
    const root = parseXml(
      `<t a="${escapeXml(text)}" b='${escapeXml(text)}'>${escapeXml(text)}</t>`,
    );
    expect(root.text).toBe(text);
    expect(root.attributes).toEqual({ a: text, b: text });
  });
});
