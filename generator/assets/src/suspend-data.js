// The learner's state in a course, packed for SCORM 1.2's cmi.suspend_data, which holds at most
// 4096 characters.
//
// The state is what the browser keeps for the course: the progress record (record.js) and the
// quiz runtime's saved attempts (quiz.js), under coursegen:<course>:<quiz>:<quiz version>. An
// attempt holds option tokens, four random hex digits each, that deflate cannot shrink, so only
// the attempts still under way travel: a finished quiz's result is in the record already. Packed,
// the state is JSON, deflated (deflate-raw) and base64-encoded, behind a format mark.

import { FINISHED, recordKey } from './record.js'
import { isPlainObject, parseJson, withStorage } from './shared.js'

/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */

/**
 * @typedef {object} CourseState
 * @property {ProgressRecord | null} r the progress record; null for none
 * @property {Record<string, any>} a the saved attempts, by '<quiz id>:<quiz version>'
 */

export const SUSPEND_DATA_LIMIT = 4096
const FORMAT = 'cg1:'

/** @param {string} courseId */
const attemptPrefix = (courseId) => `coursegen:${courseId}:`

/**
 * The course's state as this browser keeps it.
 * @param {string} courseId
 * @returns {CourseState}
 */
export const readState = (courseId) => {
  /** @type {CourseState} */
  const state = { r: null, a: {} }
  withStorage((storage) => {
    const record = parseJson(storage.getItem(recordKey(courseId)))
    if (isPlainObject(record)) state.r = /** @type {ProgressRecord} */ (record)
    const prefix = attemptPrefix(courseId)
    for (let k = 0; k < storage.length; k++) {
      const key = /** @type {string} */ (storage.key(k))
      const attempt = key.startsWith(prefix) ? parseJson(storage.getItem(key)) : undefined
      if (isPlainObject(attempt)) state.a[key.slice(prefix.length)] = attempt
    }
  })
  return state
}

/**
 * Replaces what this browser keeps for the course with `state`: the LMS, not the browser, knows
 * whose session this is.
 * @param {string} courseId
 * @param {CourseState} state
 */
export const writeState = (courseId, state) =>
  withStorage((storage) => {
    const prefix = attemptPrefix(courseId)
    for (let k = storage.length - 1; k >= 0; k--) {
      const key = /** @type {string} */ (storage.key(k))
      if (key == recordKey(courseId) || key.startsWith(prefix)) storage.removeItem(key)
    }
    if (state.r) storage.setItem(recordKey(courseId), JSON.stringify(state.r))
    for (const [key, attempt] of Object.entries(state.a)) storage.setItem(prefix + key, JSON.stringify(attempt))
  })

/**
 * Whether every question the attempt drew is checked. (An attempt saved before quiz.js's keys
 * were words calls drawn and shares d and c.)
 * @param {any} attempt
 */
const isFinished = (attempt) => {
  const drawn = attempt.drawn ?? attempt.d
  const shares = attempt.shares ?? attempt.c
  return Array.isArray(drawn) && isPlainObject(shares) && drawn.every((/** @type {number} */ index) => index in shares)
}

/** @param {Uint8Array} bytes */
const toBase64 = (bytes) => {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** @param {string} text */
const deflate = async (text) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  return toBase64(new Uint8Array(await new Response(stream).arrayBuffer()))
}

/** @param {string} base64 */
const inflate = (base64) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text()
}

/**
 * The state packed for cmi.suspend_data, at most SUSPEND_DATA_LIMIT characters. When it does not
 * fit, the attempts under way go first (the largest first), then the lessons only opened: what
 * the learner finished and passed is the last to go. '' when not even that fits.
 * @param {CourseState} state
 */
export const packState = async (state) => {
  const underWay = Object.entries(state.a)
    .filter(([, attempt]) => !isFinished(attempt))
    .sort(([, a], [, b]) => JSON.stringify(a).length - JSON.stringify(b).length)
  /** @type {CourseState[]} */
  const candidates = []
  for (let kept = underWay.length; kept >= 0; kept--) {
    candidates.push({ r: state.r, a: Object.fromEntries(underWay.slice(0, kept)) })
  }
  if (state.r) {
    const finishedOnly = Object.fromEntries(Object.entries(state.r.l).filter(([, state]) => state >= FINISHED))
    candidates.push({ r: { ...state.r, l: finishedOnly }, a: {} })
  }
  for (const candidate of candidates) {
    const packed = FORMAT + (await deflate(JSON.stringify(candidate)))
    if (packed.length <= SUSPEND_DATA_LIMIT) return packed
  }
  return ''
}

/**
 * The state packState packed; null for '' or anything else (the first launch, data of another
 * format or damaged).
 * @param {string} packed
 * @returns {Promise<CourseState | null>}
 */
export const unpackState = async (packed) => {
  if (!packed.startsWith(FORMAT)) return null
  try {
    const state = parseJson(await inflate(packed.slice(FORMAT.length)))
    if (!isPlainObject(state)) return null
    return {
      r: isPlainObject(state.r) ? /** @type {ProgressRecord} */ (state.r) : null,
      a: isPlainObject(state.a) ? state.a : {},
    }
  } catch {
    return null
  }
}
