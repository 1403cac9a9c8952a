// What the course home shows of spaced reviews (issue 26): how many are due, or when the next one
// is, and each module's retention. dashboard.js calls it; only a course with reviews has the data.

import { dayOf, dayWords, dueObjectives, nextDue, retention, scheduleOf, withPassedModules } from './schedule.js'
import { element, fillPlaceholders, pageLanguage } from './shared.js'
import { hasPassed } from './record.js'

/** @typedef {import('./contract.js').DashboardReviews} DashboardReviews */

/**
 * Shows, in `line`, the reviews due today (with a link to the review page) or when the next is;
 * and each module's last reviews' results in its `.cg-ret` line.
 * @param {HTMLElement} line
 * @param {DashboardReviews} reviews
 * @param {import('./record.js').ProgressRecord} record
 */
export const showReviewsDue = (line, reviews, record) => {
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
