import { DOMParser, type Element as XmlDomElement } from '@xmldom/xmldom';
import { readFileSync } from 'node:fs';

/**
 * No real WoS Expanded API JSON response is public (FORMATS.md, 3.3), so the real XML corpora
 * (test/wos-json.test.ts) and the generated XML (test/generated-formats.test.ts) are converted by
 * the rules the API's JSON follows: attributes become keys, an element holding only
 * text becomes that value (numbers as numbers), the text of an element with attributes becomes
 * "content", an element that occurs once is an object and a repeated one an array. The XML is
 * read with xmldom, not with coauth's own XML code.
 */
function toJson(el: XmlDomElement): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (!a.name.startsWith('xmlns')) out[a.localName ?? a.name] = primitive(a.value);
  }
  const children = new Map<string, unknown[]>();
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const c = n as XmlDomElement;
      const name = c.localName ?? c.nodeName;
      if (!children.has(name)) children.set(name, []);
      children.get(name)!.push(toJson(c));
    } else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  if (Object.keys(out).length === 0 && children.size === 0) return primitive(text.trim());
  for (const [name, list] of children) out[name] = list.length === 1 ? list[0] : list;
  if (text.trim() !== '') out.content = text.trim();
  return out;
}

const primitive = (s: string): string | number => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : s);

/** The RECs of an XML file (raw dumps, two roots, API CDATA envelopes, single records), as JSON. */
export function recsOf(path: string): unknown[] {
  const xml = readFileSync(path, 'utf8');
  return (xml.match(/<(?:\w+:)?REC[\s>][\s\S]*?<\/(?:\w+:)?REC>/g) ?? []).map((rec) => {
    const doc = new DOMParser().parseFromString(rec.replace(/^<(\w+:)?REC/, '<REC').replace(/<\/\w+:REC>$/, '</REC>'), 'text/xml');
    return toJson(doc.documentElement as unknown as XmlDomElement);
  });
}
