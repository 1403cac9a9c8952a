// The course home's dashboard, the certificate page, and the learner's own data (save it to a
// file, load it from one, delete it). Loaded only by those two pages, with the tracker
// (progress.js), whose record this reads and writes.

import { certificateCode, certificateName, verifyCommand } from './certificate.js'
import { loadRecord, saveRecord, showDoneMarks } from './progress.js'
import { FINISHED, hasPassed, recordKey } from './record.js'
import {
  announce,
  pageData,
  element,
  fillPlaceholders,
  formatNumber,
  isPlainObject,
  pageLanguage,
  parseJson,
  withStorage,
} from './shared.js'

// For tests/browser/test_runtime_twins.py, which runs them against generator/pages/certificate.py.
export { certificateCode, certificateName, normalizeName, verifyCommand } from './certificate.js'

/** @typedef {import('./contract.js').DashboardData} DashboardData */
/** @typedef {import('./contract.js').DashboardItem} DashboardItem */
/** @typedef {import('./contract.js').DashboardStrings} DashboardStrings */
/** @typedef {import('./contract.js').DashboardElementData} DashboardElementData */
/** @typedef {import('./contract.js').PageData} PageData */
/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */
/** @typedef {import('./record.js').QuizResult} QuizResult */

// What the dashboard says of a lesson, a quiz or a module: an index into its three words.
const NOT_STARTED = 0
const IN_PROGRESS = 1
const DONE = 2

// Lesson and quiz ids: what a loaded file may name.
const ID = /^[a-z0-9][a-z0-9-]*$/

/** @type {WeakSet<Element>} the pages' elements this module has set up, which instant navigation may show again */
const boundElements = new WeakSet()

/** @param {number} score @param {number} max */
const percent = (score, max) => Math.round((100 * score) / max)

/**
 * The local date of `time` (ms since 1970) as YYYY-MM-DD.
 * @param {number} time
 */
const isoDate = (time) => {
  const date = new Date(time)
  /** @param {number} n */
  const twoDigits = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`
}

/** Whether this browser lets the site keep anything. */
const storageWorks = () =>
  withStorage((storage) => {
    storage.setItem('coursegen:?', '1')
    storage.removeItem('coursegen:?')
    return true
  }) === true

/**
 * The course's record without the results that no longer count: for an older version of a quiz
 * (its hash differs), for a quiz no longer in the course, or damaged. After this, every result in
 * the record counts, here and in the navigation marks.
 * @param {DashboardData} course
 * @param {PageData} page
 */
const recordWithoutStaleResults = (course, page) => {
  const record = loadRecord(page)
  /** @param {unknown} result @param {string | undefined} currentHash */
  const counts = (result, currentHash) =>
    !!currentHash &&
    isPlainObject(result) &&
    result.h === currentHash &&
    typeof result.s == 'number' &&
    result.m > 0 &&
    result.s >= 0
  let dropped = 0
  for (const quizId of Object.keys(record.q)) {
    if (!counts(record.q[quizId], course.h[quizId])) {
      delete record.q[quizId]
      dropped++
    }
  }
  if (dropped) {
    saveRecord(record)
    showDoneMarks(page)
  }
  return record
}

/**
 * Where the learner stands in the course.
 * @param {DashboardData} course
 * @param {ProgressRecord} record
 */
const standing = (course, record) => {
  /** @type {DashboardItem[]} every lesson and quiz in order, the final assessment last */
  const items = [
    ...course.m.flatMap((module) => module.i),
    ...(course.f ? [{ ...course.f, k: /** @type {'q'} */ ('q') }] : []),
  ]
  /** @param {string} quizId @returns {QuizResult | null} */
  const result = (quizId) => record.q[quizId] || null
  /**
   * A lesson is done when finished, a quiz when passed; either is in progress once opened (a quiz
   * also once it has a result).
   * @param {DashboardItem} item
   */
  const state = (item) => {
    const done = item.k == 'l' ? record.l[item.id] >= FINISHED : hasPassed(record, item.id)
    if (done) return DONE
    const started = record.l[item.id] || (item.k == 'q' && result(item.id))
    return started ? IN_PROGRESS : NOT_STARTED
  }
  const moduleQuizzes = course.m.flatMap((module) => module.i.filter((item) => item.k == 'q').map((item) => item.id))
  // The quizzes to pass to complete the course: the final assessment, and with require_module_quizzes every other.
  const required = course.f ? [course.f.id, ...(course.rq ? moduleQuizzes : [])] : []
  const complete = !!course.f && required.every((quizId) => hasPassed(record, quizId))
  return { items, result, state, required, complete }
}

/**
 * Whether version `a` is newer than `b`, comparing their first three numbers: '1.10' is newer than '1.9'.
 * @param {string} a
 * @param {string} b
 */
const isNewer = (a, b) => {
  const numbers = (/** @type {string} */ version) => (version.match(/\d+/g) || []).map(Number)
  const [x, y] = [numbers(a), numbers(b)]
  for (let k = 0; k < 3; k++) if ((x[k] || 0) != (y[k] || 0)) return (x[k] || 0) > (y[k] || 0)
  return false
}

/**
 * Adds a loaded progress file to the record: finished stays finished, the better quiz result
 * stays. What is not well formed in the file is left out.
 * @param {ProgressRecord} record
 * @param {Record<string, any>} file a progress file already checked for its format and course
 */
const addFile = (record, file) => {
  for (const [itemId, state] of Object.entries(file.l)) {
    if (ID.test(itemId) && (state == 1 || state == 2)) record.l[itemId] = Math.max(record.l[itemId] || 0, state)
  }
  for (const [quizId, loaded] of Object.entries(file.q)) {
    const wellFormed =
      ID.test(quizId) &&
      isPlainObject(loaded) &&
      typeof loaded.s == 'number' &&
      typeof loaded.m == 'number' &&
      loaded.m > 0 &&
      typeof loaded.h == 'string'
    if (!wellFormed) continue
    const result = {
      s: loaded.s,
      m: loaded.m,
      p: loaded.p === true,
      h: loaded.h,
      t: typeof loaded.t == 'number' ? loaded.t : Date.now(),
    }
    const kept = record.q[quizId]
    if (!isPlainObject(kept) || kept.h != result.h || result.s / result.m > kept.s / kept.m) record.q[quizId] = result
  }
  if (typeof file.at == 'string' && ID.test(file.at)) record.at = file.at
  if (typeof file.n == 'string' && !record.n) record.n = file.n.slice(0, 200)
  return record
}

/**
 * The dashboard's words and its course, as its data attributes hold them.
 * @typedef {object} Dashboard
 * @property {HTMLElement} root the .cg-dash element
 * @property {DashboardData} course
 * @property {DashboardStrings} strings
 * @property {string[]} stateWords the words for not started, in progress and done
 */

/**
 * Each item's state, and each quiz's best result, next to it in the outline.
 * @param {Dashboard} dashboard
 * @param {ReturnType<typeof standing>} standings
 */
const showItemStates = ({ strings, stateWords }, { items, result, state }) => {
  for (const label of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.cg-st[data-st]'))) {
    const item = items.find((candidate) => candidate.id == label.dataset.st)
    if (!item) continue
    const itemState = state(item)
    const best = item.k == 'q' && result(item.id)
    label.className = 'cg-st cg-s' + itemState
    label.textContent = stateWords[itemState]
    if (best) {
      const score = fillPlaceholders(strings.best, {
        s: formatNumber(best.s),
        m: formatNumber(best.m),
        p: percent(best.s, best.m),
      })
      label.textContent += ' · ' + score + ' · ' + (best.p ? strings.result_passed : strings.result_failed)
    }
    label.hidden = false
  }
}

/**
 * Each module's state next to its heading: done when all of it is, in progress once any of it is.
 * @param {Dashboard} dashboard
 * @param {ReturnType<typeof standing>} standings
 */
const showModuleStates = ({ course, stateWords }, { state }) => {
  for (const label of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.cg-ms[data-ms]'))) {
    const module = course.m.find((candidate) => candidate.id == label.dataset.ms)
    if (!module) continue
    const states = module.i.map(state)
    let moduleState = NOT_STARTED
    if (states.every((itemState) => itemState == DONE)) moduleState = DONE
    else if (states.some((itemState) => itemState != NOT_STARTED)) moduleState = IN_PROGRESS
    label.className = 'cg-ms cg-s' + moduleState
    label.textContent = stateWords[moduleState]
    label.hidden = false
  }
}

/**
 * Where to go next: the certificate once the course is complete, and a link to continue where
 * the learner left off (the first unfinished item from the one opened last).
 * @param {Dashboard} dashboard
 * @param {ReturnType<typeof standing>} standings
 * @param {ProgressRecord} record
 */
const showWhereNext = ({ root, course, strings }, { items, state, complete }, record) => {
  const lastOpened = items.findIndex((item) => item.id == record.at)
  const from = Math.max(0, lastOpened)
  /** @param {DashboardItem} item */
  const unfinished = (item) => state(item) < DONE
  const next = items.slice(from).find(unfinished) || items.find(unfinished)
  const whereNext = /** @type {HTMLElement} */ (root.querySelector('.cg-go'))
  whereNext.replaceChildren()
  if (complete) {
    const line = element('p', '', strings.complete + ' ')
    if (course.cert) line.append(Object.assign(element('a', '', strings.get_certificate), { href: course.cert }))
    whereNext.append(line)
  }
  if (next) {
    const started = record.at || items.some((item) => state(item) != NOT_STARTED)
    const link = element('a', 'cg-cont', fillPlaceholders(started ? strings.continue : strings.start, { t: next.t }))
    link.href = next.u
    whereNext.append(element('p', '', link))
  }
}

/**
 * Shows the learner's standing: every item's and module's state, the share done, where next.
 * @param {Dashboard} dashboard
 * @param {PageData} page
 */
const showStanding = (dashboard, page) => {
  const { root, course, strings } = dashboard
  const record = recordWithoutStaleResults(course, page)
  const standings = standing(course, record)
  showItemStates(dashboard, standings)
  showModuleStates(dashboard, standings)
  const { items, state } = standings
  const done = items.filter((item) => state(item) == DONE).length
  const share = items.length ? percent(done, items.length) : 0
  const bar = /** @type {HTMLProgressElement} */ (root.querySelector('progress'))
  const overall = /** @type {HTMLElement} */ (root.querySelector('.cg-ov'))
  bar.value = share
  overall.textContent = fillPlaceholders(strings.overall, { n: done, total: items.length, p: share })
  showWhereNext(dashboard, standings, record)
  root.hidden = false
}

/**
 * Saves the learner's progress as a file they download; returns what to say.
 * @param {PageData} page
 * @param {DashboardStrings} strings
 */
const exportProgress = (page, strings) => {
  const file = `${page.c}-progress.json`
  const exported = { format: 'coursegen-progress', ...loadRecord(page), exported: new Date().toISOString() }
  const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' })
  const link = Object.assign(element('a', ''), { download: file, href: URL.createObjectURL(blob) })
  link.click()
  // Long enough for any browser to have started the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 1e4)
  return fillPlaceholders(strings.exported, { file })
}

/**
 * Everything this course keeps in the browser goes: the record and every saved quiz attempt.
 * @param {PageData} page
 */
const resetProgress = (page) =>
  withStorage((storage) => {
    for (let position = storage.length - 1; position >= 0; position--) {
      const key = /** @type {string} */ (storage.key(position))
      if (key == recordKey(page.c) || key.startsWith(`coursegen:${page.c}:`)) storage.removeItem(key)
    }
  })

/**
 * Adds a progress file the learner picked to the record; returns what to say.
 * @param {File} file
 * @param {PageData} page
 * @param {DashboardStrings} strings
 */
const importProgress = async (file, page, strings) => {
  // A file that cannot be read counts as one that is not a progress file.
  const loaded = parseJson(await file.text().catch(() => ''))
  const isProgressFile =
    isPlainObject(loaded) &&
    loaded.format == 'coursegen-progress' &&
    loaded.f == 1 &&
    typeof loaded.c == 'string' &&
    typeof loaded.v == 'string' &&
    isPlainObject(loaded.l) &&
    isPlainObject(loaded.q)
  if (!isProgressFile) return strings.bad_file
  if (loaded.c != page.c) return fillPlaceholders(strings.other_course, { c: loaded.c })
  if (isNewer(loaded.v, page.v)) return fillPlaceholders(strings.newer, { v: loaded.v, site: page.v })
  return saveRecord(addFile(loadRecord(page), loaded)) ? strings.imported : strings.no_storage
}

/**
 * The course home's dashboard: each item's and module's state, the share done, where to go
 * next; and the learner's own data.
 * @param {HTMLElement} root the .cg-dash element
 * @param {PageData} page
 */
const showDashboard = (root, page) => {
  const data = /** @type {DashboardElementData} */ (root.dataset)
  const strings = /** @type {DashboardStrings} */ (JSON.parse(data.s))
  /** @type {Dashboard} */
  const dashboard = {
    root,
    course: /** @type {DashboardData} */ (JSON.parse(data.course)),
    strings,
    stateWords: [strings.st_new, strings.st_started, strings.st_done],
  }
  const ownData = /** @type {HTMLElement} */ (document.querySelector('.cg-own'))
  const status = /** @type {HTMLElement} */ (ownData.querySelector('.cg-msg'))
  /** @param {string} message */
  const say = (message) => announce(status, message)

  ownData.addEventListener('click', (event) => {
    const action = /** @type {HTMLElement} */ (event.target).closest('button')?.dataset.act
    if (action == 'export') say(exportProgress(page, strings))
    else if (action == 'reset' && confirm(strings.reset_q)) {
      resetProgress(page)
      showStanding(dashboard, page)
      say(strings.reset_done)
    }
  })
  const fileInput = /** @type {HTMLInputElement} */ (ownData.querySelector('input[type=file]'))
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0]
    if (!file) return
    const message = importProgress(file, page, strings)
    fileInput.value = ''
    say(await message)
    showStanding(dashboard, page)
  })

  showStanding(dashboard, page)
  ownData.hidden = false
  if (!storageWorks()) say(strings.no_storage)
}

/**
 * The certificate page: once the course is complete, the certificate with the name the learner
 * types, the date, the score and the verification code.
 * @param {HTMLElement} root the .cg-certpage element
 * @param {PageData} page
 */
const showCertificate = (root, page) => {
  const data = /** @type {DashboardElementData} */ (root.dataset)
  const course = /** @type {DashboardData} */ (JSON.parse(data.course))
  const strings = /** @type {DashboardStrings} */ (JSON.parse(data.s))
  const record = recordWithoutStaleResults(course, page)
  const { result, required, complete } = standing(course, record)
  const form = /** @type {HTMLElement} */ (root.querySelector('.cg-cform'))
  const certificate = /** @type {HTMLElement} */ (root.querySelector('.cg-cert'))
  const nameInput = /** @type {HTMLInputElement} */ (form.querySelector('input'))
  const waiting = /** @type {HTMLElement} */ (root.querySelector('.cg-wait'))
  const printButton = /** @type {HTMLButtonElement} */ (form.querySelector('button'))
  waiting.hidden = complete
  form.hidden = certificate.hidden = !complete
  if (!complete || !course.f) return

  const final = result(course.f.id)
  const score = final ? percent(final.s, final.m) : 100
  // The course was completed when the last required quiz was passed.
  const completed = Math.max(...required.map((quizId) => Number(record.q[quizId].t) || 0)) || Date.now()
  const date = isoDate(completed)
  /** The certificate's field named `name` (data-f). @param {string} name */
  const field = (name) => /** @type {HTMLElement} */ (certificate.querySelector(`[data-f=${name}]`))
  const update = () => {
    const name = certificateName(nameInput.value)
    const code = certificateCode(page.c, page.v, name, date, score)
    field('name').textContent = name || strings.name_missing
    field('name').classList.toggle('cg-none', !name)
    field('date').textContent = `${longDate(completed, date)} (${date})`
    field('score').textContent = `${score} %`
    field('code').textContent = code
    field('cmd').textContent = verifyCommand(code, name, date, score)
  }
  nameInput.value = typeof record.n == 'string' ? record.n : ''
  nameInput.addEventListener('input', () => {
    const latest = loadRecord(page)
    latest.n = nameInput.value
    saveRecord(latest)
    update()
  })
  printButton.addEventListener('click', () => print())
  update()
}

/**
 * `time` as the page's language writes a date in full; `fallback` when the browser does not
 * know the language (toLocaleDateString throws for a malformed one).
 * @param {number} time
 * @param {string} fallback
 */
const longDate = (time, fallback) => {
  try {
    return new Date(time).toLocaleDateString(pageLanguage(), { dateStyle: 'long' })
  } catch {
    return fallback
  }
}

/**
 * Sets up the element `selector` finds, if the page has one that is not set up yet.
 * @param {string} selector
 * @param {PageData} page
 * @param {(root: HTMLElement, page: PageData) => void} show
 */
const bindOnce = (selector, page, show) => {
  const root = /** @type {HTMLElement | null} */ (document.querySelector(selector))
  if (!root || boundElements.has(root)) return
  boundElements.add(root)
  // A fault here must not stop the rest of the page; it goes to the console.
  try {
    show(root, page)
  } catch (error) {
    console.error('coursegen dashboard', error)
  }
}

/** Sets up the page's dashboard or certificate, once per page shown. */
const bindPage = () => {
  const page = pageData()
  if (!page) return
  bindOnce('.cg-dash', page, showDashboard)
  bindOnce('.cg-certpage', page, showCertificate)
}

bindPage()
// Material's instant navigation swaps the page without loading this module again.
window.document$?.subscribe(bindPage)
