// A module's pre-test page (issue 26, pages/test_out_page.py): acts on the pre-test's result. Passed,
// the module's lessons count as done ("tested out") and its quiz as passed, which also puts its
// objectives into the review schedule; failed, it lists what the missed questions assess, each
// objective with a link to its lesson. Loaded only by pre-test pages, beside the quiz runtime.

import { loadRecord, saveRecord, showDoneMarks } from './progress.js'
import { FINISHED } from './record.js'
import { element, pageData } from './shared.js'

/**
 * The pre-test page's data: its quiz, the module's quiz and its version, lessons, what each question
 * assesses, and each objective's words and lesson link.
 * @typedef {object} TestOutData
 * @property {string} quiz
 * @property {string | null} mq
 * @property {string} mh
 * @property {string[]} lessons
 * @property {Record<string, string[]>} a
 * @property {Record<string, [string, string]>} o
 */

document.addEventListener('coursegen:quiz-complete', (event) => {
  const box = /** @type {HTMLElement | null} */ (document.querySelector('.cg-to'))
  const page = pageData()
  if (!box || !page) return
  const data = /** @type {TestOutData} */ (JSON.parse(/** @type {string} */ (box.dataset.t)))
  const words = /** @type {Record<string, string>} */ (JSON.parse(/** @type {string} */ (box.dataset.s)))
  const { detail } = /** @type {CustomEvent<import('./quiz.js').QuizCompleteDetail>} */ (event)
  if (detail.quizId != data.quiz) return
  const status = /** @type {HTMLElement} */ (box.querySelector('.cg-tos'))
  const list = /** @type {HTMLElement} */ (box.querySelector('.cg-tol'))
  list.replaceChildren()
  if (detail.passed) {
    const record = loadRecord(page)
    for (const lessonId of data.lessons) record.l[lessonId] = FINISHED
    const kept = record.q[data.mq || '']
    if (data.mq && !(kept?.p && kept.h == data.mh)) {
      record.q[data.mq] = { s: detail.score, m: detail.max, p: true, h: data.mh, t: Date.now() }
    }
    saveRecord(record)
    showDoneMarks(page)
    status.textContent = words.test_out_passed
  } else {
    const missed = new Set(detail.answers.filter((a) => a.score < a.max).flatMap((a) => data.a[a.id] || []))
    for (const objective of missed) {
      const [text, url] = data.o[objective] || []
      if (text) list.append(element('li', '', Object.assign(element('a', '', text), { href: url })))
    }
    status.textContent = words.test_out_failed
  }
  list.hidden = !list.childElementCount
})
