// The review schedule (issue 26): Leitner-style boxes per objective with fixed expanding gaps.
// Pure and DOM-free, so that Node can test it and any page can use it: the README's "After the
// course" says why this rule and not a fitted model (FSRS).
//
// An objective enters box 1 when its module's quiz is passed, due intervals[0] days later. A right
// answer in a review moves it up one box (due after that box's gap); past the last box it is
// retained and never asked again. A wrong answer puts it back in box 1: it comes back sooner.
//
// Days are the learner's local calendar days, as whole numbers (day 0 is 1 January 1970), so that
// "due in 2 days" means the second calendar day after, whatever the hour, and the clock is only
// read through `Date.now()` by the callers (a test's controlled clock moves it).

/**
 * The schedule, as the progress record keeps it under `r` (generator/pages/progress.py).
 * @typedef {object} Schedule
 * @property {Record<string, Entry>} o each scheduled objective, by id
 * @property {Record<string, 1 | 2>} s each question reviewed, by id: 1 last answered right, 2 wrong
 */

/**
 * One objective's place: [box (1 to intervals.length; past it, retained), the day it is due, the
 * last review's result (1 right, 0 wrong, -1 not reviewed yet)].
 * @typedef {[number, number, number]} Entry
 */

/**
 * What a page knows of the course for reviews (review_page.review_settings).
 * @typedef {object} ReviewSettings
 * @property {number[]} iv the gaps between reviews, in days
 * @property {number} n the most questions in one review
 * @property {ReviewModule[]} m the modules with something to review
 */

/** @typedef {import('./contract.js').ReviewModule} ReviewModule */

const DAY = 86400000

/**
 * The local calendar day of `time` (ms since 1970), as a day number.
 * @param {number} time
 */
export const dayOf = (time) => {
  const date = new Date(time)
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY)
}

/**
 * A day number as YYYYMMDD (an all-day date in iCalendar) or, with a dash, YYYY-MM-DD.
 * @param {number} day
 * @param {string} [dash]
 */
export const dayText = (day, dash = '') => new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', dash)

/**
 * A day number as the learner reads a date, in the page's language.
 * @param {number} day
 * @param {string} language
 */
export const dayWords = (day, language) => {
  try {
    return new Date(day * DAY).toLocaleDateString(language, { timeZone: 'UTC', dateStyle: 'long' })
  } catch {
    // A language the browser does not know (toLocaleDateString throws for a malformed one).
    return dayText(day, '-')
  }
}

/**
 * The schedule held by a record's `r`, or an empty one for anything else.
 * @param {unknown} saved
 * @returns {Schedule}
 */
export const scheduleOf = (saved) => {
  const value = /** @type {any} */ (saved)
  const plain = (/** @type {unknown} */ x) => typeof x == 'object' && x !== null && !Array.isArray(x)
  /** @type {Schedule} */
  const schedule = { o: {}, s: {} }
  if (!plain(value)) return schedule
  for (const [id, entry] of Object.entries(plain(value.o) ? value.o : {})) {
    if (Array.isArray(entry) && entry.length == 3 && entry.every(Number.isInteger))
      schedule.o[id] = [entry[0], entry[1], entry[2]]
  }
  for (const [id, seen] of Object.entries(plain(value.s) ? value.s : {})) {
    if (seen === 1 || seen === 2) schedule.s[id] = seen
  }
  return schedule
}

/**
 * The schedule with the objectives of every module whose quiz is passed: an objective not
 * scheduled yet enters box 1, due intervals[0] days after the day of the pass. Objectives no
 * longer in the course are dropped; the others keep their place.
 * @param {Schedule} schedule
 * @param {ReviewSettings} settings
 * @param {(quizId: string) => number | undefined} passedAt when the quiz was passed (ms), if it is
 * @returns {Schedule}
 */
export const withPassedModules = (schedule, settings, passedAt) => {
  /** @type {Record<string, Entry>} */
  const entries = {}
  for (const module of settings.m) {
    const time = passedAt(module.q)
    for (const id of module.o) {
      const kept = schedule.o[id]
      if (kept) entries[id] = kept
      else if (time !== undefined) entries[id] = [1, dayOf(time) + settings.iv[0], -1]
    }
  }
  return { o: entries, s: schedule.s }
}

/**
 * The objectives due on `today`, most overdue first, at most `settings.n`: however long the
 * learner was away, what is due is one review, never a flood; the rest stay due for the next.
 * @param {Schedule} schedule
 * @param {ReviewSettings} settings
 * @param {number} today
 * @returns {string[]}
 */
export const dueObjectives = (schedule, settings, today) =>
  Object.entries(schedule.o)
    .filter(([, [box, due]]) => box <= settings.iv.length && due <= today)
    .sort(([a, [, dueA]], [b, [, dueB]]) => dueA - dueB || (a < b ? -1 : 1))
    .slice(0, settings.n)
    .map(([id]) => id)

/**
 * The next day something is due, after `today`; undefined when nothing is scheduled.
 * @param {Schedule} schedule
 * @param {ReviewSettings} settings
 * @param {number} today
 */
export const nextDue = (schedule, settings, today) => {
  const days = Object.values(schedule.o)
    .filter(([box, due]) => box <= settings.iv.length && due > today)
    .map(([, due]) => due)
  return days.length ? Math.min(...days) : undefined
}

/**
 * Where an objective goes after a review answered on `today`: up one box when right (retained past
 * the last), back to box 1 when wrong.
 * @param {Entry} entry
 * @param {boolean} right
 * @param {number} today
 * @param {number[]} intervals
 * @returns {Entry}
 */
export const afterReview = ([box], right, today, intervals) => {
  const next = right ? box + 1 : 1
  return [next, next > intervals.length ? 0 : today + intervals[next - 1], right ? 1 : 0]
}

/**
 * Every review the schedule holds from now on, for reminders: each objective's next due day (an
 * overdue one today) with its box, grouped by day.
 * @param {Schedule} schedule
 * @param {ReviewSettings} settings
 * @param {number} today
 * @returns {{day: number, objectives: string[], boxes: number[]}[]}
 */
export const upcomingReviews = (schedule, settings, today) => {
  /** @type {Map<number, {day: number, objectives: string[], boxes: number[]}>} */
  const days = new Map()
  for (const [id, [box, due]] of Object.entries(schedule.o).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (box > settings.iv.length) continue
    const day = Math.max(due, today)
    const group = days.get(day) || { day, objectives: [], boxes: [] }
    group.objectives.push(id)
    group.boxes.push(box)
    days.set(day, group)
  }
  return [...days.values()].sort((a, b) => a.day - b.day)
}

/**
 * One question for each due objective, from the questions that assess it: first those the learner
 * has not seen, then those they got wrong, then the rest (ties broken by `random`), so that a
 * review asks for recall, not recognition of the same item. A question already picked for another
 * objective it also assesses covers that one too.
 * @param {string[]} due
 * @param {string[][]} assesses for each question (by position), the objectives it assesses
 * @param {string[]} questionIds each question's id, by position
 * @param {Schedule} schedule
 * @param {() => number} random a number in [0, 1)
 * @returns {{i: number, o: string[]}[]} the questions' positions, each with the objectives it reviews
 */
export const pickQuestions = (due, assesses, questionIds, schedule, random) => {
  /** @type {{i: number, o: string[]}[]} */
  const picks = []
  const rank = (/** @type {number} */ i) => [0, 2, 1][schedule.s[questionIds[i]] || 0] + random()
  for (const objective of due) {
    const covering = picks.find((pick) => assesses[pick.i].includes(objective))
    const candidates = assesses
      .map((objectives, i) => (objectives.includes(objective) && !picks.some((pick) => pick.i == i) ? i : -1))
      .filter((i) => i >= 0)
      .map((i) => [rank(i), i])
      .sort(([a], [b]) => a - b)
    if (candidates.length) picks.push({ i: candidates[0][1], o: [objective] })
    else if (covering) covering.o.push(objective)
  }
  return picks
}

/**
 * The schedule after a review: each picked question's objectives moved by its result, and the
 * question remembered as seen (right or wrong). Objectives no longer due (a retry of a review
 * already counted) stay where they are.
 * @param {Schedule} schedule
 * @param {{i: number, o: string[]}[]} picks
 * @param {(i: number) => boolean | undefined} rightAt whether the question at i was answered right
 * @param {string[]} questionIds
 * @param {ReviewSettings} settings
 * @param {number} today
 * @returns {Schedule}
 */
export const recordReview = (schedule, picks, rightAt, questionIds, settings, today) => {
  const result = { o: { ...schedule.o }, s: { ...schedule.s } }
  for (const pick of picks) {
    const right = rightAt(pick.i)
    if (right === undefined) continue
    result.s[questionIds[pick.i]] = right ? 1 : 2
    for (const objective of pick.o) {
      const entry = result.o[objective]
      if (entry && entry[0] <= settings.iv.length && entry[1] <= today) {
        result.o[objective] = afterReview(entry, right, today, settings.iv)
      }
    }
  }
  return result
}

/**
 * A module's retention: how many of its objectives were right at their last review, of those
 * reviewed, and how many are retained for good.
 * @param {Schedule} schedule
 * @param {ReviewModule} module
 * @param {number[]} intervals
 */
export const retention = (schedule, module, intervals) => {
  const entries = module.o.map((id) => schedule.o[id]).filter(Boolean)
  const reviewed = entries.filter(([, , last]) => last >= 0)
  return {
    right: reviewed.filter(([, , last]) => last == 1).length,
    reviewed: reviewed.length,
    retained: entries.filter(([box]) => box > intervals.length).length,
  }
}
