/**
 * The Monaco editor of a campaign file (loaded lazily: this module pulls in Monaco), with Twig
 * highlighting, completion and hover, markers for the campaign's diagnostics, and a diff view of
 * the saved file against the edited one.
 */
import { useEffect, useRef, useState } from 'react';
import Editor, { DiffEditor } from '@monaco-editor/react';
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
  if (p.mode === 'diff')
    return (
      <div className="editor-host" data-testid="diff-editor">
        <DiffEditor original={p.saved} modified={p.text} language="twig" theme={theme} originalModelPath={`saved://${p.file}`} modifiedModelPath={`diff://${p.file}`} options={{ ...OPTIONS, readOnly: true, renderSideBySide: true }} />
      </div>
    );
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
