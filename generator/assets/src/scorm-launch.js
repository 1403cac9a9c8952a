// The SCORM 1.2 package's launch page (launch.html, which `coursegen package scorm12` writes):
// it holds the LMS session and shows the course in a frame, so that moving between the course's
// pages never ends the session.
//
// It finds the LMS's API the way ADL's sample does (the window's parents, up to a bounded depth,
// then the opener's), calls LMSInitialize once and LMSFinish once, when the launch page itself
// goes (pagehide: Chrome blocks synchronous requests in unload, and iOS Safari fires no
// beforeunload). It carries the learner's state (suspend-data.js) in and out of
// cmi.suspend_data, and reports the session's time and exit. What the course reports
// (scores, interactions, status) comes from report.js in the frame, through
// window.coursegenScorm. Opened without an LMS, it opens the ordinary site.

import { packState, readState, unpackState, writeState } from './suspend-data.js'

export { packState, unpackState } from './suspend-data.js'

/**
 * The SCORM 1.2 run-time API, as an LMS exposes it; every value crosses as a string.
 * @typedef {object} Scorm12Api
 * @property {(arg: string) => string | boolean} LMSInitialize
 * @property {(arg: string) => string | boolean} LMSFinish
 * @property {(arg: string) => string | boolean} LMSCommit
 * @property {(element: string) => string} LMSGetValue
 * @property {(element: string, value: string) => string | boolean} LMSSetValue
 */

/**
 * What the launch page lends the course's pages in its frame (report.js).
 * @typedef {object} ScormHost
 * @property {(element: string) => string} get
 * @property {(element: string, value: string | number) => boolean} set
 * @property {() => Promise<void>} commit brings the suspend data up to date and commits
 */

// ADL's sample gives up after 7 parents: an LMS nests its player a few frames deep at most.
const MAX_PARENTS = 7

/**
 * The API in `start` or one of its parents; undefined if none. A parent of another origin
 * throws on access: it is passed over.
 * @param {Window} start
 * @returns {Scorm12Api | undefined}
 */
const findApiFrom = (start) => {
  let win = start
  for (let tries = 0; tries <= MAX_PARENTS; tries++) {
    try {
      const api = /** @type {any} */ (win).API
      if (api) return api
    } catch {
      // another origin's window: look further up
    }
    if (win.parent == win) return undefined
    win = win.parent
  }
  return undefined
}

/** The LMS's API: in this window's parents, else in its opener's. @returns {Scorm12Api | undefined} */
const findApi = () => {
  const own = findApiFrom(window)
  if (own) return own
  try {
    return window.opener ? findApiFrom(window.opener) : undefined
  } catch {
    return undefined
  }
}

/**
 * A duration as SCORM 1.2's CMITimespan: HHHH:MM:SS.SS.
 * @param {number} ms
 */
export const timespan = (ms) => {
  const hundredths = Math.min(Math.round(Math.max(ms, 0) / 10), 9999 * 360000 - 1)
  const hours = Math.floor(hundredths / 360000)
  const minutes = Math.floor(hundredths / 6000) % 60
  const seconds = (hundredths % 6000) / 100
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`
}

/**
 * The learner's name as a certificate prints it: LMSs give cmi.core.student_name as
 * "Last, First".
 * @param {string} name
 */
export const printedName = (name) => {
  const parts = name.split(',').map((part) => part.trim())
  return parts.length == 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : name.trim()
}

/**
 * Runs the session with the LMS's `api`.
 * @param {Scorm12Api} api
 * @param {HTMLIFrameElement} frame
 * @param {string} courseId
 * @param {string} version
 */
const runSession = async (api, frame, courseId, version) => {
  const started = Date.now()
  const saved = await unpackState(String(api.LMSGetValue('cmi.suspend_data') || ''))
  const state = saved || { r: null, a: {} }
  const name = printedName(String(api.LMSGetValue('cmi.core.student_name') || ''))
  if (name && !(state.r && typeof state.r.n == 'string' && state.r.n)) {
    state.r = { ...(state.r || { f: 1, c: courseId, v: version, l: {}, q: {} }), n: name }
  }
  writeState(courseId, state)
  if (String(api.LMSGetValue('cmi.core.lesson_status')) == 'not attempted') {
    api.LMSSetValue('cmi.core.lesson_status', 'incomplete')
  }

  // The SCORM calls are synchronous and the last of them run as the page goes, when nothing
  // asynchronous finishes: the packed state is kept ready, and packed again whenever the
  // course's pages in the frame change what the browser keeps (storage events reach this window).
  let packed = await packState(readState(courseId))
  let committed = ''
  let packing = Promise.resolve()
  const repack = () =>
    (packing = packing.then(async () => {
      packed = await packState(readState(courseId))
      // Hidden, the page may be closed or discarded without another event: what the frame
      // saved just before (a click, then a tab switch) is committed once it is packed.
      if (document.visibilityState == 'hidden' && packed != committed) commit()
    }))
  addEventListener('storage', (event) => {
    if (event.key === null || event.key.startsWith('coursegen')) repack()
  })

  let finished = false
  const commit = () => {
    if (finished) return
    committed = packed
    api.LMSSetValue('cmi.suspend_data', packed)
    api.LMSSetValue('cmi.core.session_time', timespan(Date.now() - started))
    const status = String(api.LMSGetValue('cmi.core.lesson_status'))
    // Unfinished, the LMS keeps the session to resume; done, the learner leaves normally.
    api.LMSSetValue('cmi.core.exit', status == 'passed' || status == 'completed' ? '' : 'suspend')
    api.LMSCommit('')
  }
  /** @type {ScormHost} */
  const host = {
    get: (element) => String(api.LMSGetValue(element)),
    set: (element, value) => String(api.LMSSetValue(element, String(value))) == 'true',
    commit: async () => {
      await repack()
      commit()
    },
  }
  Object.assign(window, { coursegenScorm: host })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState != 'hidden') return
    commit()
    repack()
  })
  addEventListener('pagehide', () => {
    if (finished) return
    commit()
    finished = true
    api.LMSFinish('')
  })
  // Back from the browser's back-forward cache, the session is over: a new launch starts another.
  addEventListener('pageshow', (event) => {
    if (event.persisted && finished) location.reload()
  })
  frame.src = /** @type {string} */ (frame.dataset.src)
}

const launch = () => {
  const frame = /** @type {HTMLIFrameElement} */ (document.querySelector('iframe'))
  const { c: courseId, v: version } = /** @type {{c: string, v: string}} */ (document.body.dataset)
  const api = findApi()
  const ordinarySite = () => location.replace(/** @type {string} */ (frame.dataset.src))
  if (!api || String(api.LMSInitialize('')) != 'true') return ordinarySite()
  runSession(api, frame, courseId, version).catch((error) => {
    console.error('coursegen scorm', error)
    frame.src = /** @type {string} */ (frame.dataset.src)
  })
}

if (document.body?.dataset.c) launch()
