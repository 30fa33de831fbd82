import { Component, type ReactNode } from 'react';

interface Props {
  /** Names the panel in its test id (`panel-error-<id>`). */
  id: string;
  /** What the person calls the panel ("the preview", "the editor"). */
  label: string;
  children: ReactNode;
  /** Called before a retry renders the panel again (e.g. to load a failed chunk anew). */
  onRetry?: () => void;
  /** When this value changes, a failed panel tries again by itself (another campaign was selected). */
  resetKey?: unknown;
}

interface State {
  error?: Error;
  key?: unknown;
}

/**
 * An error boundary around one panel: when something inside it throws while rendering, the panel
 * shows what failed and a Retry, and the rest of the window (and every store's data) stays. React
 * would otherwise unmount the whole app and leave the window blank.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { key: props.resetKey, error: undefined };
    return null;
  }

  override componentDidCatch(error: unknown): void {
    console.error(`${this.props.label} failed:`, error);
  }

  private retry = () => {
    this.props.onRetry?.();
    this.setState({ error: undefined });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const label = this.props.label;
    return (
      <div role="alert" className="banner error panel-error" data-testid={`panel-error-${this.props.id}`}>
        <strong>{label.charAt(0).toUpperCase() + label.slice(1)} failed:</strong> {error.message || String(error)}. The rest of the app and its data are unaffected. <button onClick={this.retry}>Retry</button>
      </div>
    );
  }
}
