// Grading, apart from the page: what an answer earns, from the question's quiz data and the
// answer as an attempt keeps it. Pure functions, no DOM, so that tests/test_runtime_grading.py
// runs them in Node against their Python twin, generator/model/grading.py, on generated cases.
// The question controllers (quiz-questions.js) call them and only read and change the page.

import { roundToHundredths } from './shared.js'

/** @typedef {import('./contract.js').Question} Question */
/** @typedef {import('./contract.js').ChoiceQuestion} ChoiceQuestion */
/** @typedef {import('./contract.js').OrderingQuestion} OrderingQuestion */
/** @typedef {import('./contract.js').MatchingQuestion} MatchingQuestion */
/** @typedef {import('./contract.js').RolePlayQuestion} RolePlayQuestion */
/** @typedef {import('./contract.js').RolePlayChoice} RolePlayChoice */
/** @typedef {import('./contract.js').RolePlayEnding} RolePlayEnding */

/**
 * What an answer earns.
 * @typedef {object} Grade
 * @property {number} share the share of the points earned, 0 to 1, unrounded
 * @property {number} score the points earned, rounded to hundredths (as the completion event reports them)
 * @property {number} max the points the question gives
 * @property {boolean[]} right for each item of the question, whether the answer has it right: a
 *   choice question's options (chosen and right, or not chosen and wrong), an ordering question's
 *   steps in the learner's order (in their place), a matching question's pairs (matched), a
 *   role-play's choices made (each true: a path has no wrong items, only points)
 */

/**
 * The share of the points a choice question's answer (the chosen options' tokens) earns.
 * @param {ChoiceQuestion} question
 * @param {string[]} answer
 */
const choiceShare = (question, answer) => {
  const rightTokens = question.options.filter((option) => option.correct).map((option) => option.token)
  const right = answer.filter((token) => rightTokens.includes(token)).length
  const wrong = answer.length - right
  // A question without a right option (checks.py refuses one) scores 0, as the Python grader does.
  if (!rightTokens.length) return 0
  // Partial credit: each right choice earns its share, each wrong one costs as much.
  if (question.type == 'multiple' && question.partialCredit) return Math.max(0, (right - wrong) / rightTokens.length)
  return right == rightTokens.length && !wrong ? 1 : 0
}

/**
 * The share an ordering question's answer (the steps' tokens, in the learner's order) earns.
 * @param {OrderingQuestion} question
 * @param {string[]} answer
 */
const orderingShare = (question, answer) => {
  const inPlace = stepsInPlace(question, answer).filter(Boolean).length
  if (question.partialCredit) return inPlace / question.steps.length
  return inPlace == question.steps.length ? 1 : 0
}

/**
 * For each step in the learner's order, whether it is in its place.
 * @param {OrderingQuestion} question
 * @param {string[]} answer
 */
export const stepsInPlace = (question, answer) =>
  answer.map((token, position) => token == question.steps[position]?.token)

/**
 * For each pair, whether the answer (the chosen token of each list, '' for none) matches it.
 * @param {MatchingQuestion} question
 * @param {string[]} answer
 */
export const pairsMatched = (question, answer) => question.pairs.map((pair, k) => answer[k] == pair.match)

/**
 * The share a matching question's answer earns.
 * @param {MatchingQuestion} question
 * @param {string[]} answer
 */
const matchingShare = (question, answer) => {
  const right = pairsMatched(question, answer).filter(Boolean).length
  if (question.partialCredit) return right / question.pairs.length
  return right == question.pairs.length ? 1 : 0
}

/**
 * The step of a role-play with this id; undefined for an ending (or an id it does not have).
 * @param {RolePlayQuestion} question
 * @param {string} id
 */
export const stepAt = (question, id) => (Object.hasOwn(question.steps, id) ? question.steps[id] : undefined)

/**
 * The ending of a role-play with this id; undefined for a step.
 * @param {RolePlayQuestion} question
 * @param {string} id
 * @returns {RolePlayEnding | undefined}
 */
export const endingAt = (question, id) => (Object.hasOwn(question.endings, id) ? question.endings[id] : undefined)

/**
 * Follows a path (the position of the choice made at each step) from the first step: where it
 * leads, the points its choices earn, and the choices.
 * @param {RolePlayQuestion} question
 * @param {number[]} path
 */
export const followPath = (question, path) => {
  let at = question.start
  let points = 0
  /** @type {RolePlayChoice[]} */
  const choices = path.map((position) => {
    const choice = question.steps[at].choices[position]
    points += choice.points
    at = choice.next
    return choice
  })
  return { at, points, choices }
}

/**
 * What a path earns, out of question.points: its choices' points, or with ending scoring the
 * score of the ending it reaches (so that a slip the conversation recovers from can still cost).
 * @param {RolePlayQuestion} question
 * @param {number[]} path
 */
export const pathPoints = (question, path) => {
  const { at, points } = followPath(question, path)
  return question.scoring === 'ending' ? (endingAt(question, at)?.score ?? 0) : points
}

/**
 * The share of the points an answer earns, 0 to 1, unrounded.
 * @param {Question} question
 * @param {any[]} answer
 */
export const answerShare = (question, answer) => {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return choiceShare(question, answer)
    case 'ordering':
      return orderingShare(question, answer)
    case 'matching':
      return matchingShare(question, answer)
    default:
      // Every path scores out of the best; with nothing to earn, any path is right.
      return question.points ? pathPoints(question, answer) / question.points : 1
  }
}

/**
 * Which of the question's items the answer has right (see Grade.right).
 * @param {Question} question
 * @param {any[]} answer
 */
const itemsRight = (question, answer) => {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((option) => answer.includes(option.token) == Boolean(option.correct))
    case 'ordering':
      return stepsInPlace(question, answer)
    case 'matching':
      return pairsMatched(question, answer)
    default:
      return answer.map(() => true)
  }
}

/**
 * What an answer to a question earns.
 * @param {Question} question
 * @param {any[]} answer
 * @returns {Grade}
 */
export const gradeAnswer = (question, answer) => {
  const share = answerShare(question, answer)
  return {
    share,
    score: roundToHundredths(share * question.points),
    max: question.points,
    right: itemsRight(question, answer),
  }
}

/**
 * A finished attempt's result: the questions' unrounded points added up in the quiz's order and
 * rounded once, and whether that reaches the pass mark.
 * @param {Question[]} questions the quiz's questions
 * @param {number[]} drawn the positions of the questions asked
 * @param {Record<string, number>} shares each asked question's share of its points, by position
 * @param {number} passMark a whole percentage
 */
export const gradeAttempt = (questions, drawn, shares, passMark) => {
  let score = 0
  let max = 0
  for (const index of drawn) {
    score += shares[index] * questions[index].points
    max += questions[index].points
  }
  score = roundToHundredths(score)
  return { score, max, passed: score * 100 >= passMark * max }
}
