/** Time and ids are inputs to the core: the composition root passes real ones, tests pass fixed ones. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}
