import { allText, descendants, parseXml } from './xml-tree';

describe('the tests’ XML reader', () => {
  it('reads elements, attributes and text, decoding entities', () => {
    const root = parseXml(
      '<svg a="1 &amp; 2" b=\'x\'><title id="t">Tom &lt;&#38;&#x26;&gt; Jerry</title><g><rect/></g></svg>',
    );
    expect(root.name).toBe('svg');
    expect(root.attributes).toEqual({ a: '1 & 2', b: 'x' });
    expect(descendants(root).map((element) => element.name)).toEqual(['svg', 'title', 'g', 'rect']);
    expect(allText(root)).toBe('Tom <&&> Jerry');
  });

  it.each([
    ['<svg><g></svg>', 'a tag closed out of turn'],
    ['<svg><g>', 'a tag left open'],
    ['<svg a=1/>', 'an unquoted attribute'],
    ['<svg a="1" a="2"/>', 'a repeated attribute'],
    ['<svg>fish & chips</svg>', 'a bare ampersand'],
    ['<svg>&nbsp;</svg>', 'an entity XML does not define'],
    ['<svg title="a<b"/>', 'a bare "<" in an attribute'],
    ['<svg/><svg/>', 'two roots'],
  ])('refuses %j: %s', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
