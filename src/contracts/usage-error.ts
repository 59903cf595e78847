/**
 * A wrong option, argument, job key or query, refused before anything is done: the CLI exits
 * with code 2 and the message alone. Any other error (a TypeError from a bug included) is code 1.
 */
export class UsageError extends TypeError {
  override name = 'UsageError';
}
