// Numbers inside labels compare by value, so `svc 2` sorts before `svc 10` (as people count).
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Case-insensitive comparison that orders digit runs by their numeric value. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b);
}
