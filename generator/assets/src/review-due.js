// What the course home shows of spaced reviews (issue 26): how many are due, or when the next one
// is, and each module's retention. Its own script, loaded only by the home page of a course with
// reviews, so that no other page (the certificate's, which shares dashboard.js) pays for it.

import { loadRecord } from './progress.js'
import { dayOf, dayWords, dueObjectives, nextDue, retention, scheduleOf, withPassedModules } from './schedule.js'
import { element, fillPlaceholders, pageData, pageLanguage } from './shared.js'
import { hasPassed } from './record.js'

/** @typedef {import('./contract.js').DashboardReviews} DashboardReviews */

/**
 * Shows, in `line`, the reviews due today (with a link to the review page) or when the next is;
 * and each module's last reviews' results in its `.cg-ret` line.
 * @param {HTMLElement} line
 * @param {DashboardReviews} reviews
 * @param {import('./record.js').ProgressRecord} record
 */
const showReviewsDue = (line, reviews, record) => {
  const words = reviews.s
  const today = dayOf(Date.now())
  /** @param {string} quizId */
  const passedAt = (quizId) => (hasPassed(record, quizId) ? record.q[quizId].t : undefined)
  const schedule = withPassedModules(scheduleOf(record.r), reviews, passedAt)
  const due = dueObjectives(schedule, reviews, today).length
  const next = nextDue(schedule, reviews, today)
  line.replaceChildren()
  if (due) {
    const count = due == 1 ? words.review_due_one : fillPlaceholders(words.review_due_n, { n: due })
    const link = Object.assign(element('a', '', words.review_start), { href: reviews.u })
    line.append(element('strong', '', count), ' · ', link)
  } else if (next !== undefined) {
    line.textContent = fillPlaceholders(words.review_next, { d: dayWords(next, pageLanguage() || 'en') })
  } else if (Object.keys(schedule.o).length) {
    line.textContent = words.review_not_yet
  }
  line.hidden = !line.childNodes.length
  for (const module of reviews.m) {
    const label = /** @type {HTMLElement | null} */ (document.querySelector(`.cg-ret[data-ret="${module.id}"]`))
    if (!label) continue
    const kept = retention(schedule, module, reviews.iv)
    label.textContent = fillPlaceholders(words.review_retention, { r: kept.right, n: kept.reviewed })
    label.hidden = !kept.reviewed
  }
}

/** Shows the reviews due on the home page, if the page is a course home with reviews. */
const showOnHome = () => {
  const page = pageData()
  const root = /** @type {HTMLElement | null} */ (document.querySelector('.cg-dash'))
  const line = /** @type {HTMLElement | null} */ (root?.querySelector('.cg-due'))
  if (!page || !root || !line) return
  const course = /** @type {import('./contract.js').DashboardData} */ (JSON.parse(root.dataset.course || '{}'))
  if (course.rv) showReviewsDue(line, course.rv, loadRecord(page))
}

showOnHome()
// Material's instant navigation swaps the page without loading this module again.
window.document$?.subscribe(showOnHome)
// A change here (a file loaded, progress deleted) or in another tab (a review taken).
document.addEventListener('coursegen:progress', showOnHome)
addEventListener('storage', showOnHome)
