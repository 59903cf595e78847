import { parseXmlTree } from '../parse/xml-tree.js';
import type { XmlElement } from '../parse/xml-element.js';

/**
 * A REC of the generated XML as the WoS Expanded API writes it in JSON (FORMATS.md, 3.3): the
 * content and depth of the calibrated XML (gen/wos-xml-rec.ts), written compact, so in about half
 * its bytes. Rules: attributes become keys, an element holding only text becomes that
 * value (numbers as numbers), the text of an element with attributes or children becomes
 * "content", an element that occurs once is an object and a repeated one an array.
 * The tests convert the real and the generated XML by the same rules with another XML reader
 * (test/api-json-reference.ts).
 */
export function apiJsonRec(recXml: string): string {
  return JSON.stringify(toJson(parseXmlTree(recXml.trim())));
}

function toJson(el: XmlElement): unknown {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(el.attrs)) if (!name.startsWith('xmlns')) out[name] = primitive(value);
  const children = new Map<string, unknown[]>();
  for (const c of el.children) {
    const list = children.get(c.name) ?? [];
    list.push(toJson(c));
    children.set(c.name, list);
  }
  const text = el.text.trim();
  if (Object.keys(out).length === 0 && children.size === 0) return primitive(text);
  for (const [name, list] of children) out[name] = list.length === 1 ? list[0] : list;
  if (text !== '') out.content = text;
  return out;
}

const primitive = (s: string): string | number => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : s);
