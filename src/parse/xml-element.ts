/** A small element tree, local names only (namespaces ignored, as WoS deliveries vary them). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}
