/** Domain errors: modules throw these; app/http turns them into responses in one place. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/**
 * The thing does not exist — or the actor may not know that it does. There is no Forbidden: a
 * person who may not see something is told it is not there (a 403 would confirm it exists).
 */
export class NotFound extends DomainError {}
export class Conflict extends DomainError {}
/** Input that passed the schema but breaks a rule; `field` points the form at it. */
export class Invalid extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
