import { SaxesParser } from 'saxes';
import { fastXmlTree, localName } from './fast-xml-tree.js';
import type { XmlElement } from './xml-element.js';

/**
 * Parses one XML fragment (a WoS REC) into a tree. No DTD, so no entity beyond the five
 * predefined is expanded. The byte-level reader (fast-xml-tree.ts) reads the plain XML that
 * WoS writes; whatever it does not read exactly as saxes would (comments, carriage returns,
 * unknown entities, any well-formedness error) is read by saxes, which also words the error.
 */
export function parseXmlTree(xml: string): XmlElement {
  return fastXmlTree(xml) ?? parseXmlTreeSaxes(xml);
}

/** The reference reading, with saxes: the fast reader must give the same tree (tests/xml-tree.test.ts). */
export function parseXmlTreeSaxes(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const k in t.attributes) attrs[localName(k)] = String(t.attributes[k]);
    const el: XmlElement = { name: localName(t.name), attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack[stack.length - 1]!.text += t));
  parser.on('cdata', (t) => (stack[stack.length - 1]!.text += t));
  parser.write(xml).close();
  return root.children[0] ?? root;
}

const PATHS = new Map<string, string[]>();

/**
 * The elements at a path of local names below an element ("static_data/summary/titles/title").
 * Plain loops and paths split once: a REC is read through some forty paths, the hot spot of XML
 * and API JSON parsing when written with flatMap and filter.
 */
export function all(el: XmlElement | undefined, path: string): XmlElement[] {
  const steps = stepsOf(path);
  let level: XmlElement[] = el ? [el] : [];
  for (const step of steps) {
    const next: XmlElement[] = [];
    for (const e of level) for (const c of e.children) if (c.name === step) next.push(c);
    level = next;
  }
  return level;
}

/** The first element at a path, found depth first without collecting the others. */
export function one(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return el ? first(el, stepsOf(path), 0) : undefined;
}

function stepsOf(path: string): string[] {
  let steps = PATHS.get(path);
  if (!steps) PATHS.set(path, (steps = path.split('/')));
  return steps;
}

function first(el: XmlElement, steps: string[], i: number): XmlElement | undefined {
  if (i === steps.length) return el;
  for (const c of el.children) {
    if (c.name !== steps[i]) continue;
    const found = first(c, steps, i + 1);
    if (found) return found;
  }
  return undefined;
}

const SPACES = /\s+/g;
const PLAIN = /^\S+(?: \S+)*$/;

/** An element's text with white space collapsed; null when there is none. */
export function textOf(el: XmlElement | undefined): string | null {
  if (!el || el.text === '') return null;
  // Most values are already single-spaced: test before rewriting.
  const t = PLAIN.test(el.text) ? el.text : el.text.replace(SPACES, ' ').trim();
  return t ? t : null;
}
