// A full garbage collection after a bulk load (the plans read at a first start, an index built):
// the heap then holds mostly garbage, and V8 lets it grow into the next phase instead of
// collecting it, so the two add up in the process's peak. Needs node's --expose-gc (npm start
// passes it); without it this does nothing.
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
