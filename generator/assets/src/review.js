// The review page's controller (issue 26): picks today's review from the learner's schedule and
// hands it to the quiz runtime, records the result, and makes the calendar of reminders. Loaded
// only by the review page, with the tracker (progress.js) whose record holds the schedule.

import { reviewCalendar } from './ics.js'
import { loadRecord, saveRecord } from './progress.js'
import { hasPassed } from './record.js'
import {
  dayOf,
  dayText,
  dayWords,
  dueObjectives,
  nextDue,
  pickQuestions,
  recordReview,
  scheduleOf,
  upcomingReviews,
  withPassedModules,
} from './schedule.js'
import { element, fillPlaceholders, isPlainObject, pageData, pageLanguage, parseJson, withStorage } from './shared.js'

/** @typedef {import('./schedule.js').Schedule} Schedule */
/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */

/**
 * The review page's data (review_page.review_page): the schedule's settings, and for each question
 * of the review quiz (by position) the objectives it assesses and its id.
 * @typedef {import('./contract.js').ReviewData} ReviewData
 */

/**
 * Today's review, kept while the learner answers it (a reload, another tab): its day and picks.
 * @typedef {object} ReviewSet
 * @property {number} day
 * @property {{i: number, o: string[]}[]} picks
 */

/** @type {WeakSet<Element>} the review boxes already set up (instant navigation may show one again) */
const bound = new WeakSet()

/**
 * The learner's record and schedule, with the objectives of every module passed since it was saved.
 * @param {import('./contract.js').PageData} page
 * @param {ReviewData} data
 */
export const currentSchedule = (page, data) => {
  const record = loadRecord(page)
  /** @param {string} quizId */
  const passedAt = (quizId) => (hasPassed(record, quizId) ? record.q[quizId].t : undefined)
  return { record, schedule: withPassedModules(scheduleOf(record.r), data, passedAt) }
}

/**
 * What to say when nothing is due today: when the next review is, or why there is none.
 * @param {Schedule} schedule
 * @param {ReviewData} data
 * @param {import('./contract.js').ReviewStrings} words
 * @param {number} today
 */
const nothingDue = (schedule, data, words, today) => {
  const next = nextDue(schedule, data, today)
  if (next !== undefined) return fillPlaceholders(words.review_next, { d: dayWords(next, pageLanguage() || 'en') })
  return Object.keys(schedule.o).length ? words.review_not_yet : words.review_none
}

/** @param {string} course */
const setKey = (course) => `coursegen:${course}:review-set`

/**
 * The page's review box and what it holds.
 * @param {HTMLElement} box
 */
const reviewPage = (box) => {
  const page = /** @type {import('./contract.js').PageData} */ (pageData())
  const data = /** @type {ReviewData} */ (JSON.parse(/** @type {string} */ (box.dataset.r)))
  const words = /** @type {import('./contract.js').ReviewStrings} */ (JSON.parse(/** @type {string} */ (box.dataset.s)))
  const status = /** @type {HTMLElement} */ (box.querySelector('.cg-rvs'))
  const icsButton = /** @type {HTMLButtonElement} */ (box.querySelector('[data-act=ics]'))
  const quiz = /** @type {HTMLElement} */ (document.querySelector('.cg-rq'))
  return { page, data, words, status, icsButton, quiz }
}

/**
 * The review set to ask today: the one under way if it still fits what is due, or a new one (and
 * the quiz's saved attempt at the old one goes).
 * @param {ReturnType<typeof reviewPage>} review
 * @param {Schedule} schedule
 * @param {string[]} due
 * @param {number} today
 * @returns {ReviewSet}
 */
const todaysSet = ({ page, data, quiz }, schedule, due, today) => {
  const saved = /** @type {ReviewSet | undefined} */ (parseJson(withStorage((s) => s.getItem(setKey(page.c)))))
  const fits =
    isPlainObject(saved) &&
    saved.day == today &&
    Array.isArray(saved.picks) &&
    saved.picks.every(
      (pick) =>
        isPlainObject(pick) &&
        Number.isInteger(pick.i) &&
        pick.i < data.ids.length &&
        Array.isArray(pick.o) &&
        pick.o.every((o) => due.includes(o)),
    )
  if (fits) return saved
  const set = { day: today, picks: pickQuestions(due, data.a, data.ids, schedule, Math.random) }
  withStorage((storage) => {
    storage.setItem(setKey(page.c), JSON.stringify(set))
    storage.removeItem(`coursegen:${page.c}:${quiz.dataset.quiz}:${quiz.dataset.hash}`)
  })
  return set
}

/**
 * Shows today's review, or when the next one is.
 * @param {ReturnType<typeof reviewPage>} review
 */
const showReview = (review) => {
  const { page, data, words, status, icsButton, quiz } = review
  const today = dayOf(Date.now())
  const { schedule } = currentSchedule(page, data)
  const due = dueObjectives(schedule, data, today)
  icsButton.hidden = !upcomingReviews(schedule, data, today).length
  if (!due.length) {
    quiz.hidden = true
    status.textContent = nothingDue(schedule, data, words, today)
    return
  }
  status.textContent = ''
  const set = todaysSet(review, schedule, due, today)
  quiz.dataset.pick = JSON.stringify(set.picks.map((pick) => pick.i))
  // Now the quiz runtime may bind it (at once if quiz.js has run, else when it does).
  quiz.className = 'cg-quiz'
  quiz.hidden = false
  if (!quiz.querySelector(':scope > cg-quiz-life')) quiz.append(document.createElement('cg-quiz-life'))
}

/**
 * Records a finished review in the schedule, and says when the next one is.
 * @param {ReturnType<typeof reviewPage>} review
 * @param {import('./quiz.js').QuizCompleteDetail} detail
 */
const recordFinished = ({ page, data, words, status, icsButton }, detail) => {
  const set = /** @type {ReviewSet | undefined} */ (parseJson(withStorage((s) => s.getItem(setKey(page.c)))))
  if (!isPlainObject(set) || !Array.isArray(set.picks)) return
  const today = dayOf(Date.now())
  const { record, schedule } = currentSchedule(page, data)
  const right = new Map(detail.answers.map((answer) => [answer.id, answer.score >= answer.max]))
  const next = recordReview(schedule, set.picks, (i) => right.get(data.ids[i]), data.ids, data, today)
  saveRecord({ ...record, r: next })
  withStorage((storage) => storage.removeItem(setKey(page.c)))
  icsButton.hidden = !upcomingReviews(next, data, today).length
  status.textContent = fillPlaceholders(words.review_done, { next: nothingDue(next, data, words, today) })
  document.dispatchEvent(new CustomEvent('coursegen:review', { detail: { ...detail, picks: set.picks } }))
}

/**
 * Downloads the calendar of every review the schedule holds, made from it now.
 * @param {ReturnType<typeof reviewPage>} review
 */
const downloadCalendar = ({ page, data, words }) => {
  const now = Date.now()
  const { schedule } = currentSchedule(page, data)
  const text = reviewCalendar({
    course: page.c,
    title: fillPlaceholders(words.review_event, { c: data.c }),
    description: fillPlaceholders(words.review_event_text, { c: data.c }),
    url: location.href.split('#')[0],
    reviews: upcomingReviews(schedule, data, dayOf(now)),
    now,
    date: (day) => dayText(day),
  })
  const blob = new Blob([text], { type: 'text/calendar' })
  const link = Object.assign(element('a', ''), { download: `${page.c}-reviews.ics`, href: URL.createObjectURL(blob) })
  link.click()
  // Long enough for any browser to have started the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 1e4)
}

const setUp = () => {
  const box = /** @type {HTMLElement | null} */ (document.querySelector('.cg-rvw'))
  if (!box || bound.has(box) || !pageData()) return
  bound.add(box)
  const review = reviewPage(box)
  review.icsButton.onclick = () => downloadCalendar(review)
  const lifetime = new AbortController()
  const options = { signal: lifetime.signal }
  document.addEventListener(
    'coursegen:quiz-complete',
    (event) => {
      if (!box.isConnected) return lifetime.abort()
      const { detail } = /** @type {CustomEvent<import('./quiz.js').QuizCompleteDetail>} */ (event)
      if (detail.quizId == review.quiz.dataset.quiz) recordFinished(review, detail)
    },
    options,
  )
  // Another tab recorded a review (or storage was cleared): what is due here may have changed.
  addEventListener(
    'storage',
    (event) => {
      if (!box.isConnected) return lifetime.abort()
      const today = dayOf(Date.now())
      if (
        event.key === null ||
        !dueObjectives(currentSchedule(review.page, review.data).schedule, review.data, today).length
      ) {
        showReview(review)
      }
    },
    options,
  )
  showReview(review)
}

setUp()
// Material's instant navigation swaps the page without loading this module again.
window.document$?.subscribe(setUp)
