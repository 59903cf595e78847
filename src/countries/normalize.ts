/**
 * The key under which country spellings are compared: diacritics removed, upper case,
 * dots and apostrophes dropped ("U.S.A." -> "USA", "Cote d'Ivoire" -> "COTE DIVOIRE"),
 * every other run of non-alphanumerics (but "&") folded to one space.
 */
export function countryKey(text: string): string {
  let s = text;
  // Fast path: addresses are ASCII in WoS; only decompose when needed.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return s
    .toUpperCase()
    .replace(/[.'\u2019]/g, '')
    .replace(/[^A-Z0-9&]+/g, ' ')
    .trim();
}
