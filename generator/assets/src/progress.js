// The progress tracker, loaded by every course page (and, through results.js and dashboard.js,
// by the pages with a quiz or the dashboard). It keeps which lessons the learner has opened and
// finished, and which quizzes they passed, and marks finished lessons and passed quizzes with a ✓
// in the navigation.
//
// Served, it must stay under 1 KB gzipped together with the theme's stylesheet
// (tests/test_progress_budget.py): it is the one script every page pays for.
//
// Everything lives in one localStorage record per course (record.js). The other scripts read and
// write it through loadRecord and saveRecord, exported here.

import { FINISHED, OPENED, hasPassed, recordKey } from './record.js'
import { isPlainObject, pageData, parseJson, withStorage } from './shared.js'

/** @typedef {import('./contract.js').PageData} PageData */
/** @typedef {import('./contract.js').LessonControlData} LessonControlData */
/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */

/**
 * The course's record. One that is missing, not JSON, of another format or for another course
 * reads as a new, empty one. It always takes the site's course version: the next save writes
 * it, which is how a record carries over to a new version of the course.
 * @param {PageData} page
 * @returns {ProgressRecord}
 */
export const loadRecord = ({ c: courseId, v: version }) => {
  const saved = parseJson(withStorage((storage) => storage.getItem(recordKey(courseId))))
  const usable =
    isPlainObject(saved) && saved.f == 1 && saved.c == courseId && isPlainObject(saved.l) && isPlainObject(saved.q)
  return usable
    ? /** @type {ProgressRecord} */ ({ ...saved, v: version })
    : { f: 1, c: courseId, v: version, l: {}, q: {} }
}

/**
 * Writes the record; false when the browser keeps nothing. Each write says so with a
 * coursegen:progress event on `document`, for a reporting script (report.js) to read the record
 * again: this tracker knows nothing of where results go.
 * @param {ProgressRecord} record
 */
export const saveRecord = (record) =>
  withStorage((storage) => {
    storage.setItem(recordKey(record.c), JSON.stringify(record))
    document.dispatchEvent(new Event('coursegen:progress'))
    return true
  }) === true

/**
 * The id of the lesson or quiz a link opens: the last segment of its path, as a page's id is. ''
 * for a link into a page (#…) or off the site.
 * @param {HTMLAnchorElement} link
 */
const linkedItemId = (link) => {
  if (link.hash || link.host != location.host) return ''
  return link.pathname
    .replace(/(\/|\.html)$/, '')
    .split('/')
    .pop()
}

/**
 * Marks each navigation link to a finished lesson or a passed quiz with a ✓, read out as the
 * page's word for "done"; and unmarks the others, for after a change.
 * @param {PageData} page
 */
export const showDoneMarks = (page) => {
  const record = loadRecord(page)
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll('a.md-nav__link'))) {
    link.querySelector('.cg-dm')?.remove()
    const itemId = linkedItemId(link)
    if (itemId && (record.l[itemId] >= FINISHED || hasPassed(record, itemId))) {
      const mark = { className: 'cg-dm', role: 'img', ariaLabel: page.done, textContent: ' ✓' }
      link.append(Object.assign(document.createElement('span'), mark))
    }
  }
}

// Watches for the end of the lesson on the current page; replaced on each page.
/** @type {IntersectionObserver | undefined} */
let lessonEndWatcher

/** Records the current page as opened, sets up its "Mark as done" control, and marks the navigation. */
const trackPage = () => {
  lessonEndWatcher?.disconnect()
  const page = pageData()
  if (!page) return
  const itemId = page.id
  /** Records the page's lesson or quiz as OPENED or FINISHED, and as the one opened last. @param {number} state */
  const recordState = (state) => {
    const progress = loadRecord(page)
    progress.l[itemId] = state
    progress.at = itemId
    saveRecord(progress)
    return state
  }
  // Opening a page never unfinishes it. (The home and certificate pages have no id, nothing to record.)
  let state = itemId ? recordState(loadRecord(page).l[itemId] >= FINISHED ? FINISHED : OPENED) : 0

  const control = /** @type {HTMLElement | null} */ (document.querySelector('.cg-lc'))
  if (!control) return showDoneMarks(page)
  const [toggle, status] = /** @type {HTMLElement[]} */ ([...control.children])
  const words = /** @type {LessonControlData} */ (control.dataset)
  /**
   * Shows the state on the button; `andSay` also says it in the status line and updates the navigation.
   * @param {boolean} [andSay]
   */
  const show = (andSay) => {
    const finished = state >= FINISHED
    toggle.textContent = finished ? words.undo : words.mark
    if (andSay) {
      status.textContent = finished ? words.msg : words.msg0
      showDoneMarks(page)
    }
  }
  toggle.onclick = () => {
    // The learner decides from now on: scrolling to the end no longer finishes the lesson.
    watcher.disconnect()
    state = recordState(state >= FINISHED ? OPENED : FINISHED)
    show(true)
  }
  control.hidden = false
  show()
  // Reaching the end of the lesson finishes it.
  const watcher = new IntersectionObserver(([entry]) => {
    if (entry.isIntersecting && state < FINISHED) {
      state = recordState(FINISHED)
      show(true)
    }
  })
  watcher.observe(control)
  lessonEndWatcher = watcher
  showDoneMarks(page)
}

trackPage()
// Material's instant navigation swaps the page without loading its scripts again.
window.document$?.subscribe(trackPage)
