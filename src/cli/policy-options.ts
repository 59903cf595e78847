import type { Argv } from 'yargs';
import { REGION_POLICIES, type CountryPolicy } from '../analysis/country-policy.js';

export interface PolicyArgs {
  regions: CountryPolicy['regions'];
  ukNations: boolean;
  basis: CountryPolicy['basis'];
  compat?: 'bibliometrix';
}

/** The options that say how countries are counted, shared by the analysis commands. */
export function withPolicyOptions<T>(y: Argv<T>): Argv<T & PolicyArgs> {
  return y
    .option('regions', {
      choices: REGION_POLICIES,
      default: 'iso' as const,
      describe: 'iso: Taiwan, Hong Kong, Macao apart; merge-china: HK and MO into CN; bibliometrix: TW into CN',
    })
    .option('uk-nations', { type: 'boolean', default: false, describe: 'England, Scotland, Wales, Northern Ireland apart' })
    .option('basis', {
      choices: ['all', 'primary'] as const,
      default: 'all' as const,
      describe: "all: every author address; primary: each author's first address (robustly international)",
    })
    .option('compat', {
      choices: ['bibliometrix'] as const,
      describe: "reproduce bibliometrix 5.4.1's numbers, names and order exactly",
    }) as unknown as Argv<T & PolicyArgs>;
}

export function policyOf(args: PolicyArgs): CountryPolicy {
  return { regions: args.regions, ukNations: args.ukNations, basis: args.basis };
}
