import type { PlacedNetwork } from '../network/network-layout.js';
import { esc } from '../text/xml-escape.js';

/**
 * The country network in the formats the tools users have read: VOSviewer map and network
 * files (tab-separated, with the layout and clusters coauth computed) and VOSviewer JSON,
 * Gephi's GEXF, GraphML (Gephi, yEd, igraph, NetworkX) and Pajek .net (also read by VOSviewer).
 * Nodes are numbered from 1 in the order given; weights are co-authored papers.
 */
export function vosviewerMap(net: PlacedNetwork): string {
  const strength = linkStrength(net);
  const lines = [
    'id\tlabel\tdescription\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Papers>\tscore<Partner countries>',
  ];
  net.nodes.forEach((n, i) => {
    const links = net.edges.filter((e) => e.a === i || e.b === i).length;
    lines.push(
      [
        i + 1,
        n.code,
        n.name,
        net.x[i]!.toFixed(4),
        net.y[i]!.toFixed(4),
        net.cluster[i]! + 1,
        links,
        strength[i],
        n.papers,
        n.partners,
      ].join('\t'),
    );
  });
  return lines.join('\n') + '\n';
}

export function vosviewerNetwork(net: PlacedNetwork): string {
  return net.edges.map((e) => `${e.a + 1}\t${e.b + 1}\t${e.papers}`).join('\n') + '\n';
}

export function vosviewerJson(net: PlacedNetwork): string {
  const strength = linkStrength(net);
  return (
    JSON.stringify(
      {
        network: {
          items: net.nodes.map((n, i) => ({
            id: i + 1,
            label: n.code,
            description: n.name,
            x: Number(net.x[i]!.toFixed(4)),
            y: Number(net.y[i]!.toFixed(4)),
            cluster: net.cluster[i]! + 1,
            weights: {
              Links: net.edges.filter((e) => e.a === i || e.b === i).length,
              'Total link strength': strength[i],
              Papers: n.papers,
            },
            scores: { 'Partner countries': n.partners },
          })),
          links: net.edges.map((e) => ({ source_id: e.a + 1, target_id: e.b + 1, strength: e.papers })),
        },
      },
      null,
      2,
    ) + '\n'
  );
}

export function gexf(net: PlacedNetwork): string {
  const nodes = net.nodes
    .map(
      (n, i) =>
        `      <node id="${i + 1}" label="${esc(n.code)}"><attvalues><attvalue for="name" value="${esc(n.name)}"/>` +
        `<attvalue for="papers" value="${n.papers}"/><attvalue for="partners" value="${n.partners}"/><attvalue for="cluster" value="${net.cluster[i]! + 1}"/></attvalues>` +
        `<viz:position x="${(net.x[i]! * 100).toFixed(2)}" y="${(-net.y[i]! * 100).toFixed(2)}" z="0"/></node>`,
    )
    .join('\n');
  const edges = net.edges.map((e, k) => `      <edge id="${k}" source="${e.a + 1}" target="${e.b + 1}" weight="${e.papers}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta><creator>coauth</creator><description>Country co-authorship network</description></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node">
      <attribute id="name" title="name" type="string"/>
      <attribute id="papers" title="papers" type="integer"/>
      <attribute id="partners" title="partner countries" type="integer"/>
      <attribute id="cluster" title="cluster" type="integer"/>
    </attributes>
    <nodes>
${nodes}
    </nodes>
    <edges>
${edges}
    </edges>
  </graph>
</gexf>
`;
}

export function graphml(net: PlacedNetwork): string {
  const nodes = net.nodes
    .map(
      (n, i) =>
        `    <node id="n${i + 1}"><data key="label">${esc(n.code)}</data><data key="name">${esc(n.name)}</data><data key="papers">${n.papers}</data>` +
        `<data key="partners">${n.partners}</data><data key="cluster">${net.cluster[i]! + 1}</data><data key="x">${net.x[i]!.toFixed(4)}</data><data key="y">${net.y[i]!.toFixed(4)}</data></node>`,
    )
    .join('\n');
  const edges = net.edges
    .map((e) => `    <edge source="n${e.a + 1}" target="n${e.b + 1}"><data key="weight">${e.papers}</data></edge>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="papers" for="node" attr.name="papers" attr.type="int"/>
  <key id="partners" for="node" attr.name="partners" attr.type="int"/>
  <key id="cluster" for="node" attr.name="cluster" attr.type="int"/>
  <key id="x" for="node" attr.name="x" attr.type="double"/>
  <key id="y" for="node" attr.name="y" attr.type="double"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>
  <graph id="countries" edgedefault="undirected">
${nodes}
${edges}
  </graph>
</graphml>
`;
}

/** Pajek: node labels quoted, coordinates in [0, 1], undirected *Edges with weights. */
export function pajek(net: PlacedNetwork): string {
  const [minX, maxX] = [Math.min(...net.x), Math.max(...net.x)];
  const [minY, maxY] = [Math.min(...net.y), Math.max(...net.y)];
  const norm = (v: number, lo: number, hi: number): string => (hi > lo ? (v - lo) / (hi - lo) : 0.5).toFixed(4);
  const lines = [`*Vertices ${net.nodes.length}`];
  net.nodes.forEach((n, i) => lines.push(`${i + 1} "${n.code}" ${norm(net.x[i]!, minX, maxX)} ${norm(net.y[i]!, minY, maxY)} 0.5`));
  lines.push('*Edges');
  for (const e of net.edges) lines.push(`${e.a + 1} ${e.b + 1} ${e.papers}`);
  return lines.join('\r\n') + '\r\n';
}

function linkStrength(net: PlacedNetwork): number[] {
  const s = net.nodes.map(() => 0);
  for (const e of net.edges) {
    s[e.a]! += e.papers;
    s[e.b]! += e.papers;
  }
  return s;
}
