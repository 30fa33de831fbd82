/** The two PHP objects template values can hold. Kept apart so that php.ts and arrays.ts can both use them. */

/** A string already safe for HTML (Twig\Markup): captured `set` blocks, `apply` bodies, macro results. Not escaped again. */
export class Markup {
  constructor(readonly s: string) {}
  toString(): string {
    return this.s;
  }
}

/** A PHP DateTime: an instant plus the time zone it displays in (IANA name or fixed offset in minutes). */
export class PhpDate {
  constructor(
    readonly ms: number,
    readonly tz: string | number,
  ) {}
}
