/** Unusable input: the CLI prints the message (file and place) and exits 2. */
export class InputError extends Error {}
