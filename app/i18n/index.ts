import { type MessageKey, zhCN } from "./zh-CN";

export type { MessageKey };

/** Another language is a catalogue with the same keys; zh-CN is the default and the fallback. */
export type Catalogue = Record<MessageKey, string>;
const catalogue: Catalogue = zhCN;

export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** A message for a key built from data (`state.${state}`), falling back to the raw value. */
export function tKey(prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in catalogue ? catalogue[key] : value;
}
