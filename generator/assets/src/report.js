// Reporting: sends the learner's results out of the browser, to an LMS (SCORM 1.2, in the
// package `coursegen package scorm12` writes) or to a learning record store (xAPI, on a site whose
// mkdocs.yml sets it up). Loaded only where reporting is on: a site without it never loads it.
//
// It only listens to what the runtime already says: coursegen:quiz-complete (quiz.js, with every
// answer) and coursegen:progress (progress.js, each time the progress record is written), and
// reads the record. The quiz and progress code know nothing of LMSs; the back ends
// (report-scorm.js, report-xapi.js) turn the same facts into their formats.

import { loadRecord } from './progress.js'
import { FINISHED, hasPassed } from './record.js'
import { isPlainObject, pageData, parseJson } from './shared.js'
import { scormReporter } from './report-scorm.js'
import { xapiReporter } from './report-xapi.js'

/** @typedef {import('./contract.js').ReportingData} ReportingData */
/** @typedef {import('./contract.js').PageData} PageData */
/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */
/** @typedef {import('./record.js').QuizResult} QuizResult */
/** @typedef {import('./quiz.js').QuizCompleteDetail} QuizCompleteDetail */

/**
 * Where the learner stands in the course.
 * @typedef {object} Standing
 * @property {ProgressRecord} record
 * @property {boolean} complete whether the course is complete: with a final assessment as the
 *   dashboard has it (it and, with require_module_quizzes, every quiz passed); without one every
 *   lesson finished (and with require_module_quizzes every quiz passed)
 * @property {QuizResult | undefined} final the final assessment's best result
 */

/**
 * A back end.
 * @typedef {object} Reporter
 * @property {(now: Standing, before: Standing) => void} progress after the record was written
 * @property {(detail: QuizCompleteDetail, standingNow: () => Standing) => void} quizComplete
 */

/**
 * @param {ReportingData} settings
 * @param {ProgressRecord} record
 * @returns {Standing}
 */
export const standing = (settings, record) => {
  const others = settings.rq ? settings.q.filter((id) => id != settings.f) : []
  const required = settings.f ? [settings.f, ...others] : others
  const lessonsDone = !!settings.f || settings.l.every((id) => record.l[id] >= FINISHED)
  const final = settings.f ? record.q[settings.f] : undefined
  return {
    record,
    complete: lessonsDone && required.every((id) => hasPassed(record, id)),
    final: isPlainObject(final) ? final : undefined,
  }
}

const start = () => {
  const element = /** @type {HTMLElement | null} */ (document.querySelector('.cg-rep'))
  const settings = /** @type {ReportingData | undefined} */ (parseJson(element?.dataset.r))
  const page = pageData()
  if (!settings || !page) return
  const reporters = [scormReporter(settings), xapiReporter(settings, page)].filter((r) => r !== undefined)
  if (!reporters.length) return
  const standingNow = () => standing(settings, loadRecord(page))
  let before = standingNow()
  for (const reporter of reporters) reporter.progress(before, before)
  // Deferred, so that a quiz's own reports (sent on its event, which also writes the record)
  // come before what its result changes in the course.
  document.addEventListener('coursegen:progress', () =>
    setTimeout(() => {
      const now = standingNow()
      for (const reporter of reporters) reporter.progress(now, before)
      before = now
    }),
  )
  document.addEventListener('coursegen:quiz-complete', (event) => {
    const { detail } = /** @type {CustomEvent<QuizCompleteDetail>} */ (event)
    for (const reporter of reporters) reporter.quizComplete(detail, standingNow)
  })
}

start()
