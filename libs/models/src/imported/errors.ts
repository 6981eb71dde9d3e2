/**
 * A problem with an imported teacher, about one of its pipeline fields (`import.path`, `input.channels`,
 * `output`, ...): the pipeline prefixes the teacher's own path and the file it came from.
 */
export class ImportedTeacherError extends Error {
  override name = 'ImportedTeacherError';

  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}
