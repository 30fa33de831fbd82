/**
 * Monaco, bundled with the app (no CDN: the app works offline and its CSP forbids remote scripts).
 * The tree-shakeable 0.57 entry points: the editor API, the editor contributions (suggest, hover,
 * find, diff, markers…), the Twig language, and the editor worker through Vite's `?worker`, which
 * is emitted as a file of the app and so loads under `worker-src 'self'`. No language workers are
 * needed: Twig is tokenised by a Monarch grammar on the main thread. This module is only imported
 * from the lazily loaded editor chunk, so the first paint never waits for Monaco.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/languages/definitions/twig/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };
export type Monaco = typeof monaco;
