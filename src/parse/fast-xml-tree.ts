import type { XmlElement } from './xml-element.js';

/**
 * A byte-level reader for the XML of a WoS REC, faster than saxes on it (bench: 'XML RECs reader / saxes'): tags with quoted
 * attributes, text, CDATA, the five predefined entities and character references. It returns
 * null, and saxes reads the fragment (xml-tree.ts), on anything else or anything it would have
 * to judge: comments, processing instructions, DOCTYPE, carriage returns (line-end
 * normalisation), tabs or line breaks in attribute values (attribute normalisation), names
 * beyond ASCII, characters XML forbids, `]]>` in text, unknown entities, duplicate attributes,
 * mismatched or unclosed tags. So on what it reads it gives saxes's tree, and every error is
 * saxes's.
 */
export function fastXmlTree(xml: string): XmlElement | null {
  if (FORBIDDEN.test(xml)) return null;
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const rawNames: string[] = [];
  const n = xml.length;
  let pos = 0;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      // Text outside the root element is saxes's to judge.
      if (stack.length === 1) return null;
      const text = decode(xml.slice(pos, textEnd), false);
      if (text === null || text.includes(']]>')) return null;
      stack[stack.length - 1]!.text += text;
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0 || stack.length === 1) return null;
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (name !== rawNames.pop()) return null;
      stack.pop();
      pos = gt + 1;
    } else if (next === BANG) {
      if (!xml.startsWith('<![CDATA[', lt) || stack.length === 1) return null;
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return null;
      stack[stack.length - 1]!.text += xml.slice(lt + 9, end);
      pos = end + 3;
    } else {
      // Only one root element.
      if (stack.length === 1 && root.children.length > 0) return null;
      pos = openTag(xml, lt + 1, stack, rawNames);
      if (pos < 0) return null;
    }
  }
  if (stack.length !== 1) return null;
  return root.children[0] ?? null;
}

const SLASH = 0x2f;
const BANG = 0x21;
const GT = 0x3e;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

// Characters XML 1.0 forbids, and the ones the reader leaves to saxes (\r: line ends are normalised).
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\r\uFFFE\uFFFF\uD800-\uDFFF]/u;
const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;

/** Reads `name attr="v" ...>` or `.../>` from `at` (after the `<`); returns where it ends, -1 to leave it to saxes. */
function openTag(xml: string, at: number, stack: XmlElement[], rawNames: string[]): number {
  const rawName = nameAt(xml, at);
  if (rawName === null) return -1;
  const el: XmlElement = { name: localName(rawName), attrs: {}, children: [], text: '' };
  const raw = new Set<string>();
  let pos = at + rawName.length;
  for (;;) {
    const before = pos;
    pos = skipSpace(xml, pos);
    const c = xml.charCodeAt(pos);
    if (c === GT || (c === SLASH && xml.charCodeAt(pos + 1) === GT)) {
      stack[stack.length - 1]!.children.push(el);
      if (c === GT) {
        stack.push(el);
        rawNames.push(rawName);
        return pos + 1;
      }
      return pos + 2;
    }
    // An attribute, after white space.
    if (pos === before) return -1;
    const a = nameAt(xml, pos);
    if (a === null || raw.has(a)) return -1;
    raw.add(a);
    pos = skipSpace(xml, pos + a.length);
    if (xml.charCodeAt(pos) !== EQUALS) return -1;
    pos = skipSpace(xml, pos + 1);
    const q = xml.charCodeAt(pos);
    if (q !== QUOTE && q !== APOSTROPHE) return -1;
    const end = xml.indexOf(q === QUOTE ? '"' : "'", pos + 1);
    if (end < 0) return -1;
    const value = decode(xml.slice(pos + 1, end), true);
    if (value === null) return -1;
    el.attrs[localName(a)] = value;
    pos = end + 1;
  }
}

function skipSpace(xml: string, pos: number): number {
  for (let c = xml.charCodeAt(pos); c === 0x20 || c === 0x0a || c === 0x09; c = xml.charCodeAt(++pos));
  return pos;
}

/** The name starting at pos (up to white space, `=`, `/` or `>`), when it is a plain ASCII XML name; the names seen are kept. */
function nameAt(xml: string, pos: number): string | null {
  let end = pos;
  for (
    let c = xml.charCodeAt(end);
    end < xml.length && c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== EQUALS && c !== SLASH && c !== GT;
    c = xml.charCodeAt(++end)
  );
  const name = xml.slice(pos, end);
  if (NAMES.has(name)) return name;
  if (!NAME.test(name)) return null;
  if (NAMES.size < 10_000) NAMES.add(name);
  return name;
}

const NAMES = new Set<string>();

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/gy;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text or an attribute value with its references replaced; null when saxes must read it. */
function decode(s: string, attribute: boolean): string | null {
  if (attribute && (s.includes('<') || s.includes('\t') || s.includes('\n'))) return null;
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(s);
    if (!m) return null;
    let ch: string;
    if (m[1] !== undefined) ch = NAMED[m[1]]!;
    else {
      const code = m[2] !== undefined ? Number(m[2]) : Number.parseInt(m[3]!, 16);
      if (!isXmlChar(code)) return null;
      ch = String.fromCodePoint(code);
    }
    out += s.slice(from, amp) + ch;
    from = ENTITY.lastIndex;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** The name after its last prefix. */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}
