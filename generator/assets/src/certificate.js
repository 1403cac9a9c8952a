// The certificate's verification code, and the command a trainer checks it with.
//
// The twin of generator/pages/certificate_code.py: same steps, same result;
// tests/browser/test_runtime_twins.py runs both on the same inputs. The code ties the printed
// name, date and score to the course and its version. It is not a signature (this code is
// public), so it proves nothing about who passed.

// Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
// White space, spelt out rather than JavaScript's or Python's idea of it, which differ.
const SPACE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/

/**
 * The name as the code sees it: Unicode NFC, runs of white space as one space, trimmed, lower case.
 * @param {string} name
 */
export const normalizeName = (name) => name.normalize('NFC').split(SPACE).filter(Boolean).join(' ').toLowerCase()

/**
 * cyrb53 (public domain, by bryc) over bytes: a 53-bit hash, not cryptographic (nothing here is secret).
 * @param {Uint8Array} bytes
 */
const hash53 = (bytes) => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (const byte of bytes) {
    h1 = Math.imul(h1 ^ byte, 2654435761)
    h2 = Math.imul(h2 ^ byte, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * The verification code for these values, e.g. 'RMX23-0H0C3': 50 bits of the hash in base32.
 * @param {string} courseId
 * @param {string} version the course version
 * @param {string} name the learner's name as printed
 * @param {string} date the completion date, YYYY-MM-DD
 * @param {number} score the final assessment's score, whole percent
 * @param {string} [expires] the expiry date, YYYY-MM-DD, for a course whose certificates expire: the
 *   code is then format 2, which covers it and carries it (days since 1970) in four more characters
 */
export const certificateCode = (courseId, version, name, date, score, expires) => {
  const fields = [courseId, version, normalizeName(name), date, String(score)]
  const head = expires ? ['coursegen-certificate/2', ...fields, expires] : ['coursegen-certificate/1', ...fields]
  // 53 bits are more than a number's exact integers leave room to shift: divide instead.
  let bits = Math.floor(hash53(new TextEncoder().encode(head.join('\n'))) / 8)
  let code = ''
  for (let k = 0; k < 10; k++, bits = Math.floor(bits / 32)) code = ALPHABET[bits % 32] + code
  code = code.slice(0, 5) + '-' + code.slice(5)
  if (!expires) return code
  let day = Date.parse(expires) / 864e5
  let tail = ''
  for (let k = 0; k < 4; k++, day = Math.floor(day / 32)) tail = ALPHABET[day % 32] + tail
  return code + '-' + tail
}

/**
 * The name as the certificate prints it and computes the code from: runs of white space as one
 * space (the code ignores spacing anyway), and control characters count as white space: a name
 * has none, and the trainer pastes it into a terminal.
 * @param {string} typed
 */
export const certificateName = (typed) =>
  typed
    .replace(/[\0-\x1f\x7f-\x9f]/g, ' ')
    .split(SPACE)
    .filter(Boolean)
    .join(' ')

/**
 * `text` in single quotes for a POSIX shell, where nothing is special but the quote itself,
 * written '\'' (close, quoted quote, reopen): $(…), `…`, ; or a line break stay part of one
 * argument.
 * @param {string} text
 */
const shellQuote = (text) => "'" + text.split("'").join("'\\''") + "'"

/**
 * A value the page makes itself, quoted too if it holds anything but letters, digits, _, . and -.
 * @param {string} text
 */
const shellWord = (text) => (/^[\w.-]+$/.test(text) ? text : shellQuote(text))

/**
 * The command a trainer pastes into a shell to check a certificate. The name is the learner's
 * own text: it is always quoted.
 * @param {string} code
 * @param {string} name
 * @param {string} date
 * @param {number} score
 */
export const verifyCommand = (code, name, date, score) =>
  `coursegen verify ${shellWord(code)} --name ${shellQuote(name)} --date ${shellWord(date)} --score ${shellWord(String(score))}`
