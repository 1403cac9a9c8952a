// The progress record's format: one localStorage record per course, which generator/pages/progress.py
// describes key by key. Its types, its key and its states are here, with the one question the
// navigation marks and the dashboard both ask of it. They are small, so esbuild builds them into each
// script that uses them; reading and writing the record (loadRecord, saveRecord) are progress.js's,
// served once and imported by the other scripts at run time.

import { isPlainObject } from './shared.js'

/**
 * The learner's progress in one course (generator/pages/progress.py describes each key).
 * @typedef {object} ProgressRecord
 * @property {1} f the record's format
 * @property {string} c the course id
 * @property {string} v the course version it was last written under
 * @property {Record<string, number>} l lessons and quizzes by id: OPENED, or FINISHED (lessons only)
 * @property {Record<string, QuizResult>} q the best result of each quiz, by id
 * @property {string} [at] the id of the lesson or quiz opened last
 * @property {string} [n] the learner's name, as typed on the certificate page
 * @property {unknown} [r] the review schedule (schedule.js's Schedule), once a review has been recorded
 * @property {string} [x] the date the learner's last certificate expired (YYYY-MM-DD), if one has
 */

/**
 * @typedef {object} QuizResult
 * @property {number} s the score
 * @property {number} m the most the quiz gives
 * @property {boolean} p whether it passed
 * @property {string} h the version (content hash) of the quiz it was earned on
 * @property {number} t when, in milliseconds since 1970
 */

// What the record keeps for a lesson or quiz the learner has opened: OPENED, or FINISHED once a
// lesson is done. (esbuild writes constants from another module into the served scripts as their values.)
export const OPENED = 1
export const FINISHED = 2

/** The localStorage key of a course's record. @param {string} courseId */
export const recordKey = (courseId) => 'coursegen-progress:' + courseId

/**
 * Whether the record holds a passed result for the quiz. The pages that know a quiz's current
 * version drop results for older ones first (results.js, dashboard.js); elsewhere the record is
 * trusted, since a page does not carry every quiz's version.
 * @param {ProgressRecord} record
 * @param {string} quizId
 */
export const hasPassed = (record, quizId) => {
  const result = record.q[quizId]
  return isPlainObject(result) && result.p === true
}
