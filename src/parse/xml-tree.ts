import { SaxesParser } from 'saxes';

/** A small element tree, local names only (namespaces ignored, as WoS deliveries vary them). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses one XML fragment (a WoS REC) into a tree. No DTD, so no entity beyond the five predefined is expanded. */
export function parseXmlTree(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[k.replace(/^.*:/, '')] = String(v);
    const el: XmlElement = { name: t.name.replace(/^.*:/, ''), attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack[stack.length - 1]!.text += t));
  parser.on('cdata', (t) => (stack[stack.length - 1]!.text += t));
  parser.write(xml).close();
  return root.children[0] ?? root;
}

/** The elements at a path of local names below an element ("static_data/summary/titles/title"). */
export function all(el: XmlElement | undefined, path: string): XmlElement[] {
  let level: XmlElement[] = el ? [el] : [];
  for (const step of path.split('/')) level = level.flatMap((e) => e.children.filter((c) => c.name === step));
  return level;
}

export function one(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return all(el, path)[0];
}

export function textOf(el: XmlElement | undefined): string | null {
  const t = el?.text.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}
