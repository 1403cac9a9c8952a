// Keeps quiz results in the course's progress record. quiz.js loads this script (a quiz page
// holds one script tag); it imports the tracker, progress.js.

import { loadRecord, saveRecord, showDoneMarks } from './progress.js'
import { isPlainObject, pageData } from './shared.js'

/** @typedef {import('./contract.js').QuizElementData} QuizElementData */
/** @typedef {import('./quiz.js').QuizCompleteDetail} QuizCompleteDetail */

/**
 * The data of the page's quiz; a page holds at most one.
 * @returns {QuizElementData | undefined}
 */
const quizOnPage = () => {
  const quiz = /** @type {HTMLElement | null} */ (document.querySelector('.cg-quiz'))
  return /** @type {QuizElementData | undefined} */ (quiz?.dataset)
}

// quiz.js dispatches this when the learner has answered every question (README, "Sending
// results elsewhere", describes the detail).
document.addEventListener('coursegen:quiz-complete', (event) => {
  const { detail } = /** @type {CustomEvent<QuizCompleteDetail>} */ (event)
  const page = pageData()
  const quiz = quizOnPage()
  if (!page || !quiz || quiz.quiz != detail.quizId) return
  const record = loadRecord(page)
  const best = record.q[detail.quizId]
  // The best result stays: only a better share of the points replaces it, or any result for an
  // older version of the quiz.
  const bestStays = isPlainObject(best) && best.h == quiz.hash && best.s / best.m >= detail.score / detail.max
  if (!bestStays) {
    record.q[detail.quizId] = { s: detail.score, m: detail.max, p: detail.passed === true, h: quiz.hash, t: Date.now() }
  }
  saveRecord(record)
  showDoneMarks(page)
})

// This page knows its quiz's current version: a result for an older version of the quiz no
// longer counts, so it goes, and the navigation marks follow.
const dropResultForOlderVersion = () => {
  const page = pageData()
  const quiz = quizOnPage()
  if (!page || !quiz) return
  const record = loadRecord(page)
  const result = record.q[quiz.quiz]
  if (result === undefined || (isPlainObject(result) && result.h == quiz.hash)) return
  delete record.q[quiz.quiz]
  saveRecord(record)
  showDoneMarks(page)
}

dropResultForOlderVersion()
window.document$?.subscribe(dropResultForOlderVersion)
