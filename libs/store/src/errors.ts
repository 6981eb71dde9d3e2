/** No object under the key. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(readonly key: string) {
    super(`no object at key "${key}"`);
  }
}

/** The object's bytes do not match its recorded (or the expected) sha256. */
export class CorruptObjectError extends Error {
  override readonly name = 'CorruptObjectError';

  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`corrupt object at key "${key}": ${reason}`);
  }
}

/** A key or key part that cannot name an object. */
export class InvalidKeyError extends TypeError {
  override readonly name = 'InvalidKeyError';
}
