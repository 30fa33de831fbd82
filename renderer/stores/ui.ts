/**
 * View state of the workspace screen, each fact's one home: the campaign the person chose, pane
 * sizes and which panes are open, the selected cell, the matrix filter and search, side-by-side
 * selection and preview options. What follows from them (the campaign shown, the rows the filter
 * matches, whether the selected user is in the data) is derived where it is read. Kept per workspace across
 * restarts (localStorage, keyed by the workspace folder); transient parts (images allowed for a
 * message, the open drawer) are not saved.
 */
import { create } from 'zustand';
import type { RowFilter } from '../workers/render-protocol';

export interface Panes {
  left: number;
  right: number;
  editor: number;
  /** Height of the data panel's open tab. */
  data: number;
}

export type DataTab = 'targets' | 'params' | 'profiles';
/** The drawers over the preview column: the campaign's checks, the last send's result. */
export type Drawer = 'checks' | 'send';
export type EmailFit = 'fit' | 'actual';

export interface PersistedUi {
  panes: Panes;
  campaign?: string;
  filter: RowFilter;
  search: string;
  selected?: { target: string; node: string };
  mode: 'matrix' | 'compare';
  compare: { kind: 'users' | 'nodes'; targets: string[]; node?: string };
  emailWidth: 600 | 375;
  emailDark: boolean;
  /** The email frame scaled to fit the preview pane, or at its real width (scrolling). */
  emailFit: EmailFit;
  provenance: boolean;
  editorOpen: boolean;
  /** The data panel's open tab; null folds the panel to its bar. */
  dataTab: DataTab | null;
  /** The matrix's key list shown under it. */
  keysHint: boolean;
}

interface UiState extends PersistedUi {
  workspace?: string;
  /** Messages (target\u0000node) whose remote images the person allowed. */
  imagesAllowed: Record<string, true>;
  /** The drawer open over the preview column, if any (closed when the campaign changes). */
  drawer: Drawer | null;
  hydrate(workspace: string): void;
  set(patch: Partial<PersistedUi>): void;
  setPane(name: keyof Panes, size: number): void;
  select(target: string, node: string): void;
  toggleCompareTarget(target: string): void;
  allowImages(key: string): void;
  openDrawer(drawer: Drawer | null): void;
  /** Another campaign: its own cell, side-by-side picks and drawers (nothing carries over). */
  switchCampaign(campaign: string): void;
}

/**
 * The editor's first height: a fifth of the window (150–240 px), so that with the editor open a
 * 900 px window still shows eight matrix rows and a 720 px one five. Resized heights are remembered.
 */
function defaultEditorHeight(): number {
  const h = typeof window === 'undefined' ? 900 : window.innerHeight;
  return Math.round(Math.min(240, Math.max(150, h * 0.2)));
}

/** The preview column's first width: 440 px, less below a 1400 px window so the matrix toolbar keeps to one line. */
function defaultPreviewWidth(): number {
  const w = typeof window === 'undefined' ? 1400 : window.innerWidth;
  return w >= 1400 ? 440 : Math.max(340, Math.round(w * 0.3));
}

const DEFAULTS: PersistedUi = {
  panes: { left: 220, right: defaultPreviewWidth(), editor: defaultEditorHeight(), data: 160 },
  filter: 'all',
  search: '',
  mode: 'matrix',
  compare: { kind: 'users', targets: [] },
  emailWidth: 600,
  emailDark: false,
  emailFit: 'fit',
  provenance: false,
  editorOpen: true,
  dataTab: null,
  keysHint: false,
};

const key = (workspace: string) => `preflight.ui:${workspace}`;
export const PANE_LIMITS: Record<keyof Panes, [number, number]> = { left: [160, 480], right: [300, 900], editor: [120, 900], data: [80, 600] };

function load(workspace: string): PersistedUi {
  try {
    const raw = localStorage.getItem(key(workspace));
    const v = raw ? (JSON.parse(raw) as Partial<PersistedUi>) : {};
    return { ...DEFAULTS, ...v, panes: { ...DEFAULTS.panes, ...v.panes }, compare: { ...DEFAULTS.compare, ...v.compare } };
  } catch {
    return DEFAULTS;
  }
}

/** Saves the persisted part (one small JSON write, per workspace). */
function persist(s: UiState): void {
  if (!s.workspace) return;
  const { panes, campaign, filter, search, selected, mode, compare, emailWidth, emailDark, emailFit, provenance, editorOpen, dataTab, keysHint } = s;
  try {
    localStorage.setItem(key(s.workspace), JSON.stringify({ panes, campaign, filter, search, selected, mode, compare, emailWidth, emailDark, emailFit, provenance, editorOpen, dataTab, keysHint }));
  } catch {
    /* storage full or disabled (or no storage: unit tests in Node): the view state is a convenience */
  }
}

export const useUi = create<UiState>((set, get, store) => {
  // The store saves itself whenever it changes; the subscription is the store's own, as long-lived as it.
  store.subscribe(persist);
  return {
    ...DEFAULTS,
    imagesAllowed: {},
    drawer: null,
    hydrate(workspace) {
      set({ ...load(workspace), workspace, imagesAllowed: {}, drawer: null });
    },
    set(patch) {
      set(patch);
    },
    setPane(name, size) {
      const [min, max] = PANE_LIMITS[name];
      set({ panes: { ...get().panes, [name]: Math.round(Math.min(max, Math.max(min, size))) } });
    },
    select(target, node) {
      const s = get().selected;
      if (s?.target !== target || s.node !== node) set({ selected: { target, node } });
    },
    toggleCompareTarget(target) {
      const c = get().compare;
      const has = c.targets.includes(target);
      const targets = has ? c.targets.filter((t) => t !== target) : [...c.targets, target].slice(-4);
      set({ compare: { ...c, targets } });
    },
    allowImages(k) {
      set({ imagesAllowed: { ...get().imagesAllowed, [k]: true } });
    },
    openDrawer(drawer) {
      set({ drawer });
    },
    switchCampaign(campaign) {
      set({ campaign, selected: undefined, mode: 'matrix', compare: { kind: 'users', targets: [] }, drawer: null });
    },
  };
});
