/**
 * Completion and hover for the campaign editor, registered once for the `twig` language:
 * - attribute names known from params, per-user columns, profiles and the templates, inside `{{ }}` and
 *   `{% %}`, then Twig's functions;
 * - filters with their signatures after `|`, tests after `is` / `is not`;
 * - hover on a placeholder: the selected user's value and where it came from.
 * The providers read the app's stores when asked, so they always see the current data.
 */
import type { Monaco } from './monaco-setup';
import type { ValueSource } from '../../../shared/campaign/send-data';
import { TWIG_FILTER_CATALOGUE, TWIG_FUNCTION_CATALOGUE, TWIG_TEST_CATALOGUE, type FilterInfo } from './twig-catalogue';

export interface EditorContext {
  /** Attribute names with where they are known from. */
  attributes(): { name: string; from: string }[];
  /** The selected user's value of an attribute, if a user is selected. */
  valueOf(name: string): { target: string; value: unknown; source: ValueSource } | undefined;
}

const SOURCE_TEXT: Record<ValueSource, string> = {
  target_with_params: 'per-user value (target_with_params)',
  params: 'param (every user)',
  profile: 'profile attribute (preview data)',
  empty: 'empty: nothing supplies it',
};

let registered = false;

/** Inside an unclosed `{{` or `{%` on the line before the cursor. */
function inTwig(before: string): boolean {
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  const close = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'));
  return open >= 0 && open > close;
}

function show(v: unknown): string {
  if (v === '' || v === null || v === undefined) return '(empty)';
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 1).slice(0, 500);
}

/** Registers the providers once (Monaco keeps them for the page's lifetime). */
export function registerTwigProviders(monaco: Monaco, ctx: EditorContext): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('twig', {
    triggerCharacters: ['{', ' ', '|', '%'],
    provideCompletionItems(model, position) {
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      if (!inTwig(before)) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const callables = (list: readonly FilterInfo[], sortPrefix = '') =>
        list.map((f) => ({
          label: { label: f.name, description: f.signature },
          kind: monaco.languages.CompletionItemKind.Function,
          insertText: f.name,
          detail: f.signature,
          documentation: f.description,
          sortText: sortPrefix + f.name,
          range,
        }));
      if (/\|\s*\w*$/.test(before)) return { suggestions: callables(TWIG_FILTER_CATALOGUE) };
      if (/\bis\s+(?:not\s+)?\w*$/.test(before)) return { suggestions: callables(TWIG_TEST_CATALOGUE) };
      return {
        suggestions: [
          ...ctx.attributes().map((a) => {
            const v = ctx.valueOf(a.name);
            return {
              label: { label: a.name, description: a.from },
              kind: monaco.languages.CompletionItemKind.Variable,
              insertText: a.name,
              detail: a.from,
              documentation: v ? `${v.target}: ${show(v.value)} — ${SOURCE_TEXT[v.source]}` : undefined,
              range,
            };
          }),
          ...callables(TWIG_FUNCTION_CATALOGUE, '~'),
        ],
      };
    },
  });
  monaco.languages.registerHoverProvider('twig', {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const line = model.getLineContent(position.lineNumber);
      if (!inTwig(line.slice(0, word.startColumn - 1))) return null;
      const head = line.slice(0, word.startColumn - 1);
      const tail = line.slice(word.endColumn - 1);
      const filter = /\|\s*$/.test(head)
        ? TWIG_FILTER_CATALOGUE.find((f) => f.name === word.word)
        : /\bis\s+(?:not\s+)?$/.test(head)
          ? TWIG_TEST_CATALOGUE.find((f) => f.name === word.word)
          : /^\s*\(/.test(tail)
            ? TWIG_FUNCTION_CATALOGUE.find((f) => f.name === word.word)
            : undefined;
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      if (filter) return { range, contents: [{ value: `\`${filter.signature}\`` }, { value: filter.description }] };
      const v = ctx.valueOf(word.word);
      if (!v) return null;
      return { range, contents: [{ value: `**${word.word}** for \`${v.target}\`` }, { value: `\`${show(v.value).replace(/`/g, "'")}\`` }, { value: `Source: ${SOURCE_TEXT[v.source]}` }] };
    },
  });
}
