/**
 * Debian version order, as dpkg compares `pve-manager` versions (deb-version(7), "Sorting
 * algorithm"): the strings are read as alternating runs of non-digits and digits; non-digit
 * runs compare character by character, letters before other characters, and `~` before
 * anything, even the end of the string (so 9.0.0~16 < 9.0.0); digit runs compare as numbers.
 * Epoch and revision are not split off: `7.4-4` compares as one string, which orders the same
 * for the versions the HA manager checks. Complexity: O(length).
 */

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareDebianVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = characterWeight(a[i]) - characterWeight(b[j]);
      if (difference !== 0) return difference;
      i++;
      j++;
    }
    const digitsA = digitRun(a, i);
    const digitsB = digitRun(b, j);
    i += digitsA.length;
    j += digitsB.length;
    const difference = Number(digitsA || '0') - Number(digitsB || '0');
    if (difference !== 0) return difference;
  }
  return 0;
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** `~` lowest, then the end of the string (and a digit run starting), letters, other characters. */
function characterWeight(character: string | undefined): number {
  if (character === undefined || isDigit(character)) return 0;
  if (character === '~') return -1;
  const code = character.charCodeAt(0);
  return /[A-Za-z]/.test(character) ? code : code + 256;
}

function digitRun(text: string, start: number): string {
  let end = start;
  while (isDigit(text[end])) end++;
  return text.slice(start, end);
}
