// Reporting's SCORM 1.2 back end: what the course's pages tell the LMS through the launch page
// (scorm-launch.js), which holds the session. Status and score follow the progress record;
// each finished attempt at the final assessment adds its questions to cmi.interactions.

import { isPlainObject } from './shared.js'

/** @typedef {import('./contract.js').ReportingData} ReportingData */
/** @typedef {import('./record.js').ProgressRecord} ProgressRecord */
/** @typedef {import('./quiz.js').QuizCompleteDetail} QuizCompleteDetail */
/** @typedef {import('./quiz.js').AnswerReport} AnswerReport */
/** @typedef {import('./scorm-launch.js').ScormHost} ScormHost */
/** @typedef {import('./report.js').Standing} Standing */
/** @typedef {import('./report.js').Reporter} Reporter */

// SCORM 1.2 writes a choice as one character, 0-9 or a-z; the first option is 'a'.
const POSITIONS = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** The launch page's session, when this page is in its frame. @returns {ScormHost | undefined} */
const findHost = () => {
  try {
    return parent != window ? /** @type {any} */ (parent).coursegenScorm : undefined
  } catch {
    return undefined
  }
}

/**
 * An answer as SCORM 1.2's interaction types write it: [type, student_response]. Positions past
 * what one character can say make the question a 'performance', its positions written as numbers.
 * @param {AnswerReport} answer
 * @returns {[string, string]}
 */
export const interactionResponse = ({ type, answer }) => {
  const fits = answer.every((position) => position < POSITIONS.length)
  if (!fits) return ['performance', answer.join(',')]
  const letter = (/** @type {number} */ position) => POSITIONS[position]
  // A choice is a set: in authored order, whatever order the page showed the options in.
  if (type == 'single' || type == 'multiple')
    return [
      'choice',
      [...answer]
        .sort((a, b) => a - b)
        .map(letter)
        .join(','),
    ]
  if (type == 'ordering') return ['sequencing', answer.map(letter).join(',')]
  if (type == 'matching') {
    const pairs = answer.flatMap((choice, pair) => (choice >= 0 ? [`${letter(pair)}.${letter(choice)}`] : []))
    return ['matching', pairs.join(',')]
  }
  return ['performance', answer.map(letter).join(',')]
}

/**
 * An interaction's result: SCORM 1.2 has correct and wrong, and a number for anything between
 * (here the percentage of the question's points).
 * @param {AnswerReport} answer
 */
export const interactionResult = ({ score, max }) =>
  score >= max ? 'correct' : score <= 0 ? 'wrong' : String(Math.round((100 * score) / max))

/**
 * A question id as a CMIIdentifier: no spaces, printable ASCII, at most 255 characters.
 * @param {string} id
 */
const identifier = (id) => id.replace(/[^\w.:-]/g, '_').slice(0, 255) || 'question'

/** The time of day as CMITime, HH:MM:SS. */
const timeOfDay = () => new Date().toTimeString().slice(0, 8)

/**
 * The SCORM back end, or undefined when the page is not in the package's launch frame.
 * @param {ReportingData} settings
 * @returns {Reporter | undefined}
 */
export const scormReporter = (settings) => {
  const host = settings.s ? findHost() : undefined
  if (!host) return undefined

  /**
   * Status and score as the record stands.
   * @param {Standing} standing
   */
  const report = ({ complete, final }) => {
    if (settings.f && isPlainObject(final)) {
      const percent = final.m ? Math.round((100 * final.s) / final.m) : 100
      host.set('cmi.core.score.min', 0)
      host.set('cmi.core.score.max', 100)
      host.set('cmi.core.score.raw', percent)
    }
    const status = complete
      ? settings.f
        ? 'passed'
        : 'completed'
      : isPlainObject(final) && final.p !== true
        ? 'failed'
        : 'incomplete'
    if (host.get('cmi.core.lesson_status') != status) host.set('cmi.core.lesson_status', status)
  }

  return {
    progress: report,
    quizComplete: (detail, standingNow) => {
      // A module's pre-test (issue 26) reports its answers too, marked, for comparing before and after.
      const pretest = !!document.querySelector('.cg-to')
      if (detail.quizId == settings.f || pretest) {
        for (const answer of detail.answers) {
          const n = Number(host.get('cmi.interactions._count')) || 0
          const [type, response] = interactionResponse(answer)
          const field = `cmi.interactions.${n}.`
          host.set(field + 'id', identifier((pretest ? 'pretest-' : '') + answer.id))
          host.set(field + 'type', type)
          host.set(field + 'time', timeOfDay())
          host.set(field + 'weighting', answer.max)
          // CMIFeedback: 255 characters at most (a role-play of well over a hundred steps).
          host.set(field + 'student_response', response.slice(0, 255))
          host.set(field + 'result', interactionResult(answer))
        }
      }
      // After the record has the result (results.js saves it on the same event).
      setTimeout(() => {
        report(standingNow())
        host.commit()
      })
    },
  }
}
