// Reading a quiz's data from its data-key attribute.
//
// quiz_html.encode_blob wrote it as JSON, compressed with raw DEFLATE, XOR-ed with a 256-byte key
// made from the quiz id and version (both on the page), then base64. That keeps the answer key
// out of the page source and of an in-page search; it is not encryption, and anyone who reads
// this file can decode it (quizzes are for practice, not proctoring). Compressing comes before
// XOR-ing because XOR-ed bytes look random to the server's gzip, and the data is most of a quiz
// page's weight. tests/browser/test_runtime_twins.py runs these functions against the Python ones.

/** @typedef {import('./contract.js').QuizData} QuizData */

const KEY_BYTES = 256

/**
 * The 256-byte key for `seed` ('<quiz id>:<quiz version>'), as quiz_html._key makes it: an FNV-1a
 * hash of the seed's UTF-8 bytes starts an xorshift32 generator, and each of its first 64 states
 * gives four key bytes, low byte first.
 * @param {string} seed
 */
export const obfuscationKey = (seed) => {
  let state = 2166136261
  for (const byte of new TextEncoder().encode(seed)) state = Math.imul(state ^ byte, 16777619) >>> 0
  state = state || 1 // xorshift never leaves 0
  const key = new Uint8Array(KEY_BYTES)
  for (let at = 0; at < KEY_BYTES; at += 4) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    // A Uint8Array keeps the low 8 bits of what it is given.
    key[at] = state
    key[at + 1] = state >> 8
    key[at + 2] = state >> 16
    key[at + 3] = state >>> 24
  }
  return key
}

/**
 * XORs `bytes` in place with the key for `seed`, repeated; returns them. (XOR-ing twice gives
 * the bytes back: this both masks and unmasks.)
 * @template {Uint8Array} T
 * @param {T} bytes
 * @param {string} seed
 * @returns {T}
 */
export const unmask = (bytes, seed) => {
  const key = obfuscationKey(seed)
  for (let i = 0; i < bytes.length; i++) bytes[i] ^= key[i % KEY_BYTES]
  return bytes
}

/**
 * The JSON value of raw-DEFLATE-compressed UTF-8 bytes, inflated by the browser itself.
 * @param {Uint8Array<ArrayBuffer>} compressed
 */
const inflateJson = async (compressed) => {
  // Straight through the stream's writer and reader, which settle in microtasks, so that quizzes
  // are bound before DOMContentLoaded. Through a Blob or a Response each read waits for a later
  // task, behind the rest of the page's start-up (about 100 ms on the final assessment page).
  const inflater = new DecompressionStream('deflate-raw')
  const writer = inflater.writable.getWriter()
  const reader = inflater.readable.getReader()
  const decoder = new TextDecoder()
  // Data that does not inflate rejects these two as well as the read below; the read reports it.
  writer.write(compressed).catch(() => {})
  writer.close().catch(() => {})
  let text = ''
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += decoder.decode(chunk.value, { stream: true })
  }
  return JSON.parse(text + decoder.decode())
}

/**
 * The quiz data in a quiz's data-key attribute. Rejects when it does not decode (a damaged page,
 * a browser without DecompressionStream): quiz.js then says so in the quiz.
 * @param {string} base64
 * @param {string} seed '<quiz id>:<quiz version>'
 * @returns {Promise<QuizData>}
 */
export const decodeQuizData = async (base64, seed) =>
  inflateJson(
    unmask(
      Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)),
      seed,
    ),
  )
