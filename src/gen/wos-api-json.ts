import { parseXmlTree } from '../parse/xml-tree.js';
import type { XmlElement } from '../parse/xml-element.js';

/**
 * A REC of the generated XML as the WoS Expanded API writes it in JSON (FORMATS.md, 3.3): the
 * same content, so generated API JSON is as large and as deep as the calibrated XML
 * (gen/wos-xml-rec.ts). Rules: attributes become keys, an element holding only text becomes that
 * value (numbers as numbers), the text of an element with attributes or children becomes
 * "content", an element that occurs once is an object and a repeated one an array.
 * test/wos-json.test.ts converts the real XML corpora by the same rules with another XML reader.
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
