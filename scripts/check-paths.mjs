#!/usr/bin/env node
// Finds repository paths named in comments and docs that do not exist (a renamed or deleted file
// leaves its mentions behind). Reads comments of .ts/.tsx/.mjs/.cjs files and the text of .md files,
// takes every token shaped like a path under one of the repository's top folders
// (`shared/targets/ids.ts`, `host/http/`, `docs/sending.md`) and prints the ones missing, with their
// file and line. `#name` and `:line` suffixes are dropped. Exit 1 when any is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOP = ['shared', 'host', 'electron', 'renderer', 'cli', 'test', 'scripts', 'docs', 'examples', 'build', 'security'];
const PATH_RE = new RegExp(`(?<![\\w./@-])((?:${TOP.join('|')})/[\\w.\\-/*]*[\\w/])`, 'g');
// Names that look like paths but are not files of this repository: upstream projects cited as models.
const NOT_PATHS = new Set(['electron/fiddle']);
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.cjs', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

/** The comment text of a source line (`//` and block comments), or the whole line of a markdown file. */
function commentsOf(file, text) {
  if (file.endsWith('.md')) return text.split('\n');
  let inBlock = false;
  return text.split('\n').map((line) => {
    let out = '';
    let rest = line;
    while (rest) {
      if (inBlock) {
        const end = rest.indexOf('*/');
        out += end < 0 ? rest : rest.slice(0, end);
        if (end < 0) break;
        inBlock = false;
        rest = rest.slice(end + 2);
        continue;
      }
      const block = rest.search(/(?:^|\s)\/\*/); // `/*` in a glob string ('a/**/*.ts') opens nothing
      const lineComment = rest.search(/(^|[^:'"`\\])\/\//);
      if (lineComment >= 0 && (block < 0 || lineComment < block)) {
        out += rest.slice(rest.indexOf('//', lineComment) + 2);
        break;
      }
      if (block < 0) break;
      inBlock = true;
      rest = rest.slice(rest.indexOf('/*', block) + 2);
    }
    return out;
  });
}

let missing = 0;
for (const file of files) {
  const lines = commentsOf(file, readFileSync(join(root, file), 'utf8'));
  lines.forEach((line, i) => {
    for (const m of line.matchAll(PATH_RE)) {
      const p = m[1].replace(/[#:].*$/, '').replace(/\.$/, '');
      if (p.includes('*') || NOT_PATHS.has(p)) continue; // a pattern or a project, not a file
      const candidates = [p, `${p}.ts`, `${p}.tsx`, `${p}.mjs`, join(dirname(file), p)];
      if (candidates.some((c) => existsSync(join(root, c)))) continue;
      missing++;
      console.log(`${file}:${i + 1}: ${p}`);
    }
  });
}
console.log(missing ? `${missing} path(s) named in comments or docs do not exist` : 'every path named in comments and docs exists');
process.exit(missing ? 1 : 0);
