/**
 * Natural name order: digit runs compare as numbers, so `node2` < `node10`. Everything else
 * compares by UTF-16 code unit, never by locale, so the order is the same on every machine.
 * This is headroom's tie-break order for nodes everywhere.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const endA = digitRunEnd(a, i);
      const endB = digitRunEnd(b, j);
      const numA = a.slice(i, endA).replace(/^0+(?=\d)/, '');
      const numB = b.slice(j, endB).replace(/^0+(?=\d)/, '');
      if (numA.length !== numB.length) return numA.length - numB.length;
      if (numA !== numB) return numA < numB ? -1 : 1;
      // Equal values with different zero padding: the shorter run first, for a total order.
      if (endA - i !== endB - j) return endA - i - (endB - j);
      i = endA;
      j = endB;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digitRunEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}
