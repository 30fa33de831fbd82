/**
 * The Monaco editor of a campaign file (loaded lazily: this module pulls in Monaco), with Twig
 * highlighting, completion and hover, markers for the campaign's diagnostics, and a diff view of
 * the saved file against the edited one.
 */
import { useEffect, useRef, useState } from 'react';
import Editor from '@monaco-editor/react';
import type * as MonacoNs from 'monaco-editor/editor';
import { monaco } from './monaco-setup';
import { registerTwigProviders } from './twig-providers';
import { editorContext } from './editor-context';
import { placeDiagnostics, placeholderRanges } from './markers';
import type { Diagnostic } from '../../../shared/diagnostics';
import { useColorScheme } from '../../hooks/useColorScheme';

registerTwigProviders(monaco, editorContext);

const OPTIONS: MonacoNs.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  fontSize: 12,
  wordWrap: 'on',
  scrollBeyondLastLine: false,
  automaticLayout: true,
  // Auto-closing turns `{{` into `{{  }}}}` while typing Twig: off.
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  quickSuggestions: { other: true, strings: true, comments: false },
  tabSize: 2,
  fixedOverflowWidgets: true,
};

export interface CampaignEditorProps {
  file: string;
  saved: string;
  text: string;
  mode: 'edit' | 'diff';
  onChange(text: string): void;
  onSave(): void;
  /** Diagnostics of the file and its templates (placed by node/field or line). */
  diagnostics: readonly Diagnostic[];
  /** Attributes that are empty for the selected user (marked where they are used). */
  emptyForUser: { name: string; target: string }[];
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

export default function CampaignEditor(p: CampaignEditorProps) {
  const scheme = useColorScheme();
  const [model, setModel] = useState<MonacoNs.editor.ITextModel | null>(null);
  const [markerCount, setMarkerCount] = useState(0);
  const onSave = useRef(p.onSave);
  onSave.current = p.onSave;

  useEffect(() => {
    if (!model || model.getValue() !== p.text) return;
    const markers: MonacoNs.editor.IMarkerData[] = placeDiagnostics(p.text, p.diagnostics).map(({ d, range }) => ({
      severity: SEVERITY[d.severity],
      message: d.message,
      code: d.code,
      startLineNumber: range.startLine,
      startColumn: range.startColumn,
      endLineNumber: range.endLine,
      endColumn: range.endColumn,
    }));
    for (const e of p.emptyForUser)
      for (const r of placeholderRanges(p.text, e.name))
        markers.push({ severity: monaco.MarkerSeverity.Warning, code: 'empty-value', message: `"${e.name}" is empty for ${e.target}`, startLineNumber: r.startLine, startColumn: r.startColumn, endLineNumber: r.endLine, endColumn: r.endColumn });
    monaco.editor.setModelMarkers(model, 'preflight', markers);
    setMarkerCount(markers.length);
  }, [model, p.text, p.diagnostics, p.emptyForUser]);

  const theme = scheme === 'dark' ? 'vs-dark' : 'vs';
  if (p.mode === 'diff') return <SavedDiff saved={p.saved} text={p.text} theme={theme} />;
  return (
    <div className="editor-host" data-testid="campaign-editor" data-markers={markerCount} data-editor-ready={model ? 'yes' : 'no'}>
      <Editor
        path={p.file}
        value={p.text}
        language="twig"
        theme={theme}
        options={OPTIONS}
        onChange={(v) => p.onChange(v ?? '')}
        onMount={(editor) => {
          setModel(editor.getModel());
          editor.onDidChangeModel(() => setModel(editor.getModel()));
          editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSave.current());
        }}
      />
    </div>
  );
}

/**
 * The saved file against the edited text, read-only. Built on Monaco directly (not the React
 * wrapper's DiffEditor): this component owns both models and, when it goes away, detaches them from
 * the diff editor before disposing anything. The wrapper disposed the models first, which Monaco
 * 0.57 answers with "TextModel got disposed before DiffEditorWidget model got reset" — thrown in a
 * React cleanup, it unmounted the whole app (Diff with saved → Revert left a blank window).
 */
function SavedDiff({ saved, text, theme }: { saved: string; text: string; theme: string }) {
  const host = useRef<HTMLDivElement>(null);
  const models = useRef<{ original: MonacoNs.editor.ITextModel; modified: MonacoNs.editor.ITextModel }>(undefined);
  useEffect(() => {
    const original = monaco.editor.createModel(saved, 'twig');
    const modified = monaco.editor.createModel(text, 'twig');
    const editor = monaco.editor.createDiffEditor(host.current!, { ...OPTIONS, readOnly: true, renderSideBySide: true, theme });
    editor.setModel({ original, modified });
    models.current = { original, modified };
    return () => {
      models.current = undefined;
      editor.setModel(null);
      editor.dispose();
      original.dispose();
      modified.dispose();
    };
    // Created once; the texts and theme follow below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const m = models.current?.original;
    if (m && m.getValue() !== saved) m.setValue(saved);
  }, [saved]);
  useEffect(() => {
    const m = models.current?.modified;
    if (m && m.getValue() !== text) m.setValue(text);
  }, [text]);
  useEffect(() => monaco.editor.setTheme(theme), [theme]);
  return <div className="editor-host" data-testid="diff-editor" ref={host} />;
}
