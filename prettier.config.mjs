// Prettier's options, chosen to match the code as written: on a third of the source files each
// candidate was measured by the lines it would change (width 100: 3,889; 140: 1,854; 200: 851;
// 240: 666; 280: 624, the fewest; 320: 630; double quotes at 200: 2,502; no trailing commas: 951;
// `arrowParens: 'avoid'`: 1,109). The code's long single-line calls are its style, hence the width.
/** @type {import('prettier').Config} */
export default {
  printWidth: 280,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  arrowParens: 'always',
};

// What `npm run format:check` (the "format" stage of `npm test`) checks: everything, except what
// .prettierignore lists as never formatted (fixtures are exact bytes, examples are user files).
export const formatChecked = ['.'];
