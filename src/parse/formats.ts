/** The input formats coauth reads. Only WoS plain text is implemented so far (see README, "Formats"). */
export type FormatName = 'wos-plaintext';

export const FORMATS: readonly FormatName[] = ['wos-plaintext'];
