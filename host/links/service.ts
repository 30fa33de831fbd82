/** The `links.*` handlers: one link checker (and so one cache and one rate bound) per app run. */
import type { Handlers } from '../ipc/dispatch';
import { HandlerError } from '../ipc/dispatch';
import { createLinkChecker, LinkCheckInputError, type LinkCheckerOptions } from './checker';

export function linkHandlers(o?: LinkCheckerOptions): Pick<Handlers, 'links.check' | 'links.cancel'> {
  const checker = createLinkChecker(o);
  return {
    'links.check': async ({ urls }) => {
      try {
        return { results: await checker.check(urls) };
      } catch (e) {
        if (e instanceof LinkCheckInputError) throw new HandlerError('invalid-arguments', e.message);
        throw e;
      }
    },
    'links.cancel': async () => ({ cancelled: checker.cancel() }),
  };
}
