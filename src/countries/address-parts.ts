/**
 * Organisation and city of a WoS-style address, best effort: the organisation is the first
 * comma segment; the city is the segment before the country, or for U.S. addresses (whose
 * last segment is "ST ZIP USA") the one before that, and the segment that carries the postal
 * code when one of the two before the country does ("Hangzhou 310058, Zhejiang, Peoples R China").
 * Reads only the first and the last four segments: it runs once per address on the hot path.
 */
export function addressParts(address: string, countryCode: string | null): { organization: string | null; city: string | null } {
  const first = address.indexOf(',');
  if (first < 0) return { organization: null, city: null };
  const organization = address.slice(0, first).trim();
  // The last segments, last first, with empty ones dropped.
  const tail: string[] = [];
  let end = address.length;
  while (tail.length < 4 && end > first) {
    const comma = address.lastIndexOf(',', end - 1);
    const seg = address.slice(comma + 1, end).trim();
    if (seg !== '') tail.push(seg);
    end = comma;
  }
  if (tail.length < 2) return { organization, city: null };
  let pick = 1;
  if (!(countryCode === 'US' && /\d|\bUSA$/.test(tail[0]!))) {
    for (let i = 1; i <= Math.min(2, tail.length - 1); i++) {
      if (/\d/.test(tail[i]!)) {
        pick = i;
        break;
      }
    }
  }
  let city = tail[pick]!;
  if (/\d/.test(city))
    city = city
      .replace(/\b[A-Z]{0,3}-?\d[\d -]*\b/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return { organization, city: city === '' || city === organization ? null : city };
}
