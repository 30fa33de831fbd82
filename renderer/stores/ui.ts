/**
 * View state of the workspace screen: pane sizes, the selected cell, the matrix filter and search,
 * side-by-side selection and preview options. Kept per workspace across restarts (localStorage,
 * keyed by the workspace folder); transient parts (images allowed for a message) are not saved.
 */
import { create } from 'zustand';
import type { RowFilter } from '../workers/render-protocol';

export interface Panes {
  left: number;
  right: number;
  editor: number;
}

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
  provenance: boolean;
  editorOpen: boolean;
}

interface UiState extends PersistedUi {
  workspace?: string;
  /** Messages (target\u0000node) whose remote images the person allowed. */
  imagesAllowed: Record<string, true>;
  hydrate(workspace: string): void;
  set(patch: Partial<PersistedUi>): void;
  setPane(name: keyof Panes, size: number): void;
  select(target: string, node: string): void;
  toggleCompareTarget(target: string): void;
  allowImages(key: string): void;
}

const DEFAULTS: PersistedUi = {
  panes: { left: 230, right: 440, editor: 300 },
  filter: 'all',
  search: '',
  mode: 'matrix',
  compare: { kind: 'users', targets: [] },
  emailWidth: 600,
  emailDark: false,
  provenance: false,
  editorOpen: true,
};

const key = (workspace: string) => `preflight.ui:${workspace}`;
const LIMITS: Record<keyof Panes, [number, number]> = { left: [160, 480], right: [300, 900], editor: [120, 900] };

function load(workspace: string): PersistedUi {
  try {
    const raw = localStorage.getItem(key(workspace));
    const v = raw ? (JSON.parse(raw) as Partial<PersistedUi>) : {};
    return { ...DEFAULTS, ...v, panes: { ...DEFAULTS.panes, ...v.panes }, compare: { ...DEFAULTS.compare, ...v.compare } };
  } catch {
    return DEFAULTS;
  }
}

export const useUi = create<UiState>((set, get) => ({
  ...DEFAULTS,
  imagesAllowed: {},
  hydrate(workspace) {
    set({ ...load(workspace), workspace, imagesAllowed: {} });
  },
  set(patch) {
    set(patch);
  },
  setPane(name, size) {
    const [min, max] = LIMITS[name];
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
}));

// Save the persisted part whenever it changes (one small JSON write, per workspace).
useUi.subscribe((s) => {
  if (!s.workspace) return;
  const { panes, campaign, filter, search, selected, mode, compare, emailWidth, emailDark, provenance, editorOpen } = s;
  try {
    localStorage.setItem(key(s.workspace), JSON.stringify({ panes, campaign, filter, search, selected, mode, compare, emailWidth, emailDark, provenance, editorOpen }));
  } catch {
    /* storage full or disabled: the view state is a convenience */
  }
});
