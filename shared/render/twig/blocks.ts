/**
 * Blocks in one template (Twig's BlockNode, displayBlock and the block() function). A block is
 * rendered where it is defined (also inside a `for`, once per pass) and again wherever block('name')
 * asks for it. Each rendering gets its own copy of the variables, as Twig passes $context by value:
 * what a block sets stays inside it, and a block may call itself with the values it changed.
 */
import { TwigRuntimeError } from './errors';
import { MAX_DEPTH, type Ctx } from './runtime';

/** Renders a block body with a copy of the current variables. */
export function displayBlock(c: Ctx, body: (c: Ctx) => void, name: string): void {
  if (c.depth >= MAX_DEPTH) throw new TwigRuntimeError(`Blocks and macros call each other more than ${MAX_DEPTH} levels deep: does "${name}" call itself without end?`);
  const saved = c.locals;
  c.depth++;
  // A copy of the locals (not Object.create(saved): V8 makes a prototype of `saved` at a cost larger
  // than a small block); writes land in the copy.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const k in saved) copy[k] = saved[k];
  c.locals = copy;
  try {
    body(c);
  } finally {
    c.locals = saved;
    c.depth--;
  }
}

/** The block() function: the block's output as a string (printed without escaping: blocks are safe). */
export function renderBlock(c: Ctx, name: string): string {
  const body = c.blocks.get(name);
  if (!body) throw new TwigRuntimeError(`Block "${name}" does not exist in this template.`);
  const saved = c.out;
  const trace = c.trace;
  c.out = '';
  c.trace = null;
  try {
    displayBlock(c, body, name);
    return c.out;
  } finally {
    c.out = saved;
    c.trace = trace;
  }
}
