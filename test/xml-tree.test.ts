import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../src/gen/write-corpus.js';
import { fastXmlTree } from '../src/parse/fast-xml-tree.js';
import type { XmlElement } from '../src/parse/xml-element.js';
import { parseXmlTreeSaxes } from '../src/parse/xml-tree.js';
import { CORPORA, corpusFiles, tempDir } from './helpers.js';

const REC = /<(?:[\w-]+:)?REC[\s>][\s\S]*?<\/(?:[\w-]+:)?REC\s*>/g;

/** saxes's tree, or 'error' where saxes finds the fragment not well-formed. */
function reference(xml: string): XmlElement | 'error' {
  try {
    return parseXmlTreeSaxes(xml);
  } catch {
    return 'error';
  }
}

/** The fast reader either gives saxes's tree or declines (null); counts what it read itself. */
function compare(fragments: string[]): { fast: number; declined: number } {
  let fast = 0;
  for (const xml of fragments) {
    const f = fastXmlTree(xml);
    if (f === null) continue;
    fast++;
    expect(f, xml.slice(0, 200)).toEqual(reference(xml));
  }
  return { fast, declined: fragments.length - fast };
}

describe('the byte-level XML reader against saxes', () => {
  it('reads every REC of the real WoS XML files as saxes does', () => {
    const counts: Record<string, { fast: number; declined: number }> = {};
    for (const file of corpusFiles(join(CORPORA, 'wos_xml'))) {
      counts[file.split('/').pop()!] = compare(readFileSync(file, 'utf8').match(REC) ?? []);
    }
    // The real files are plain XML: the fast reader reads all of their RECs itself.
    const total = Object.values(counts).reduce((s, c) => s + c.fast, 0);
    expect(
      Object.values(counts).every((c) => c.declined === 0),
      JSON.stringify(counts),
    ).toBe(true);
    expect(total).toBeGreaterThan(150);
  });

  it('reads generated XML as saxes does', async () => {
    const path = join(tempDir(), 'gen.xml');
    await writeCorpus(path, 'wos-xml', { seed: 7, firstYear: 1990, lastYear: 2024 }, { records: 300 }, 0);
    const recs = readFileSync(path, 'utf8').match(REC) ?? [];
    rmSync(path);
    expect(recs.length).toBe(300);
    expect(compare(recs)).toEqual({ fast: 300, declined: 0 });
  });

  const plain = [
    '<REC r_id_disclaimer="x"><UID>WOS:1</UID></REC>',
    '<ns:REC xmlns:ns="http://x" a = \'1\'  b="2" ><ns:t k="&lt;&amp;&gt;&quot;&apos;"/>a &#233;&#xe9; b<![CDATA[ <raw> & ]]></ns:REC>',
    '<REC>\n  <a>\n    <b c="d">text</b>\n  </a>\n</REC>',
    '<REC><a/><a x="1"/><a:b xmlns:a="u">é 中文 😀</a:b></REC>',
    '<REC><t>x > y</t><t>&#10;</t></REC>',
  ];
  const declined = [
    '<REC><!-- comment --><a/></REC>',
    '<REC>\r\n<a/></REC>',
    '<REC a="x\ty"/>',
    '<REC a="x\ny"/>',
    '<REC><?pi x?></REC>',
    '<REC><ü/></REC>',
    '<REC>&nbsp;</REC>',
    '<REC>a & b</REC>',
    '<REC a="<"/>',
    '<REC>a ]]> b</REC>',
    '<REC>\x01</REC>',
    '<REC>&#0;</REC>',
    '<REC a="1" a="2"/>',
    '<REC a="1"b="2"/>',
    '<REC a=1/>',
    '<REC><a></b></REC>',
    '<REC><a></REC>',
    '<REC><a>',
    '<REC/><REC/>',
    '<REC/>text',
    '<!DOCTYPE REC><REC/>',
    '<REC><1a/></REC>',
  ];

  it('reads plain fragments itself, as saxes does', () => {
    expect(compare(plain)).toEqual({ fast: plain.length, declined: 0 });
  });

  it('leaves to saxes what it does not judge, errors included', () => {
    for (const xml of declined) expect(fastXmlTree(xml), xml).toBeNull();
    // Several of these are errors for saxes: the rejects keep its wording.
    expect(declined.filter((x) => reference(x) === 'error').length).toBeGreaterThan(12);
  });
});
