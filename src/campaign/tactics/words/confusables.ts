/**
 * Latin letter → look-alike code point from another script (Cyrillic, Greek, Armenian), the substitutions homograph
 * spam and IDN phishing use (Gabrilovich & Gontmakher, "The Homograph Attack", CACM 2002; UTS #39 confusables).
 * Every entry maps back to its Latin letter under the Unicode confusable skeleton after case folding — the test
 * checks this with the oracle's normalizer — so a reader sees the same word while a tokenizer sees a new token.
 */
export const CONFUSABLES: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430'], // Cyrillic а
  c: ['\u0441'], // Cyrillic с
  d: ['\u0501'], // Cyrillic ԁ
  e: ['\u0435'], // Cyrillic е
  h: ['\u04bb'], // Cyrillic һ
  i: ['\u0456'], // Cyrillic/Ukrainian і
  j: ['\u0458'], // Cyrillic ј
  n: ['\u0578'], // Armenian ո
  o: ['\u043e', '\u03bf'], // Cyrillic о, Greek ο
  p: ['\u0440'], // Cyrillic р
  q: ['\u051b'], // Cyrillic ԛ
  s: ['\u0455'], // Cyrillic ѕ
  u: ['\u057d'], // Armenian ս
  v: ['\u03bd'], // Greek ν
  w: ['\u051d'], // Cyrillic ԝ
  x: ['\u0445'], // Cyrillic х
  y: ['\u0443'], // Cyrillic у
  A: ['\u0410', '\u0391'], // Cyrillic А, Greek Α
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'],
  J: ['\u0408'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  N: ['\u039d'],
  O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'],
  S: ['\u0405'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7'],
  Y: ['\u04ae', '\u03a5'],
  Z: ['\u0396'],
};

/** Letters that have a look-alike in a script a domain label may use on its own (Cyrillic only: one script per label). */
export const CYRILLIC_DOMAIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  i: '\u0456',
  j: '\u0458',
  o: '\u043e',
  p: '\u0440',
  s: '\u0455',
  x: '\u0445',
  y: '\u0443',
  h: '\u04bb',
  d: '\u0501',
};
