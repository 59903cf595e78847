/** The seeded generator networkanalysis-ts takes (a port of java.util.Random); it ships no types. */
declare module 'java-random' {
  export default class Random {
    constructor(seed?: number);
    nextDouble(): number;
    nextInt(bound?: number): number;
  }
}
