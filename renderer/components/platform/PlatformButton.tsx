/**
 * Slot for platform integration in the top bar (browse the environment's live campaigns, import,
 * check against live). Filled by the platform integration work; renders nothing until then.
 */
export function PlatformButton() {
  return null;
}
