/**
 * Organisation and city of a WoS-style address, best effort: the organisation is the first
 * comma segment; the city is the segment before the country, or for U.S. addresses (whose
 * last segment is "ST ZIP USA") the one before that, and the segment that carries the postal
 * code when one of the two before the country does ("Hangzhou 310058, Zhejiang, Peoples R China").
 */
export function addressParts(address: string, countryCode: string | null): { organization: string | null; city: string | null } {
  const segs = address.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const organization = segs.length > 1 ? segs[0]! : null;
  if (segs.length < 2) return { organization, city: null };
  const last = segs.length - 1;
  let city: string | null;
  if (countryCode === 'US' && /\d|\bUSA$/.test(segs[last]!)) city = segs[last - 1]!;
  else {
    let pick = last - 1;
    for (let i = last - 1; i >= Math.max(1, last - 2); i--) {
      if (/\d/.test(segs[i]!)) {
        pick = i;
        break;
      }
    }
    city = segs[pick]!;
  }
  city = city.replace(/\b[A-Z]{0,3}-?\d[\d -]*\b/g, ' ').replace(/\s+/g, ' ').trim();
  return { organization, city: city === '' || city === organization ? null : city };
}
