// How the quiz runtime works each type of question on the page: a controller per question that
// reads and shows its answer, shuffles it, and shows its result. What an answer earns is
// grading.js's (no DOM there); quiz.js does the rest (the attempt, saving, buttons, the summary)
// the same way for every type.

import { answerShare, endingAt, followPath, pairsMatched, pathPoints, stepAt, stepsInPlace } from './grading.js'
import { element, elementWithHtml, fillPlaceholders, shuffleInPlace } from './shared.js'

/** @typedef {import('./contract.js').Question} Question */
/** @typedef {import('./contract.js').ChoiceQuestion} ChoiceQuestion */
/** @typedef {import('./contract.js').OrderingQuestion} OrderingQuestion */
/** @typedef {import('./contract.js').MatchingQuestion} MatchingQuestion */
/** @typedef {import('./contract.js').RolePlayQuestion} RolePlayQuestion */
/** @typedef {import('./contract.js').RolePlayEnding} RolePlayEnding */
/** @typedef {import('./contract.js').QuizStrings} QuizStrings */

/**
 * The order in which an attempt shows a question's options: their tokens (a choice question's
 * options, an ordering question's steps, a matching question's right-hand choices); 0 for a
 * role-play, which shuffles the choices of each step as it shows it.
 * @typedef {string[] | 0} Order
 */

/**
 * A question's answer as an attempt keeps it: the chosen options' tokens, in page order
 * (choice); the steps' tokens in the learner's order (ordering); the chosen token, or '' for
 * none, of each drop-down list (matching); the position of the choice made at each step
 * (role-play).
 * @typedef {any[]} Answer
 */

/**
 * What quiz.js asks of a question, whatever its type.
 * @typedef {object} QuestionController
 * @property {() => Order} shuffledOrder a new order for a new attempt
 * @property {(order: Order) => void} applyOrder puts the options in that order
 * @property {() => Answer} readAnswer the answer as the form shows it now
 * @property {(answer: Answer) => void} showAnswer puts an answer into the form
 * @property {(answer: Answer) => boolean} isAnswered whether there is enough of an answer to check
 * @property {(answer: Answer) => number} grade the share of the points the answer earns, 0 to 1
 *   (grading.js's answerShare)
 * @property {(answer: Answer) => Node[]} feedback marks the options, and returns what the result
 *   shows under the verdict
 * @property {(answer: Answer) => Answer} authoredPositions the answer in authored positions, for
 *   the coursegen:quiz-complete event
 * @property {(order: unknown, answer: unknown, checked: boolean) => boolean} fitsSaved whether an
 *   order and answer read from storage belong to this question (a checked one needs an answer
 *   that can be graded)
 * @property {(answer: Answer) => RolePlayEnding | undefined} [ending] role-plays: the ending the
 *   conversation reached, if it reached one
 */

/**
 * A button of the runtime's own, which names its action in data-act (quiz.js acts on those).
 * @param {string} text
 * @param {string} action
 */
export const actionButton = (text, action) => {
  const button = element('button', 'cg-b', text)
  button.type = 'button'
  button.dataset.act = action
  return button
}

/**
 * Marks an option, step or pair after checking.
 * @param {Element} target
 * @param {'ok' | 'bad' | 'miss'} kind ok or bad for what the learner chose, miss for a right answer not chosen
 * @param {string} text
 */
const addMark = (target, kind, text) => target.append(element('span', 'cg-m cg-' + kind, text))

/**
 * An item of the feedback under a checked question: a label, the HTML of what it is about, and
 * the trainer's feedback on it.
 * @param {string} label '' for none
 * @param {string} html
 * @param {string | null} [feedbackHtml]
 */
const feedbackItem = (label, html, feedbackHtml) => {
  const item = element('li', '', ...(label ? [element('strong', '', label + ': ')] : []))
  item.insertAdjacentHTML('beforeend', html)
  if (feedbackHtml) item.append(elementWithHtml('div', 'cg-fb', feedbackHtml))
  return item
}

/**
 * The feedback items as a list, or nothing when there are none.
 * @param {'ul' | 'ol'} tag
 * @param {HTMLElement[]} items
 */
const feedbackList = (tag, items) => (items.length ? [element(tag, 'cg-fl', ...items)] : [])

/**
 * Whether `value` holds each of `tokens` once, in any order (tokens are distinct).
 * @param {unknown} value
 * @param {string[]} tokens
 */
const isPermutationOf = (value, tokens) =>
  Array.isArray(value) && value.length == tokens.length && tokens.every((token) => value.includes(token))

/**
 * Single and multiple choice: radio buttons or checkboxes, one per option.
 * @param {ChoiceQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @returns {QuestionController}
 */
const choiceQuestion = (question, container, strings) => {
  const fieldset = /** @type {HTMLFieldSetElement} */ (container.querySelector('.cg-f'))
  const inputs = /** @type {HTMLInputElement[]} */ ([...fieldset.querySelectorAll('.cg-o > input')])
  const tokens = question.options.map((option) => option.token)
  /** The option's row: its input and label. @param {string} token */
  const optionRow = (token) => /** @type {HTMLElement} */ (inputs.find((input) => input.value == token)?.parentElement)

  return {
    shuffledOrder: () => {
      // Pinned options keep their place; the others take the free places in a random order.
      const free = shuffleInPlace(question.options.filter((option) => !option.pinned).map((option) => option.token))
      return question.options.map((option) =>
        question.shuffle && !option.pinned ? /** @type {string} */ (free.pop()) : option.token,
      )
    },
    applyOrder: (order) => {
      for (const token of /** @type {string[]} */ (order)) fieldset.append(optionRow(token))
    },
    readAnswer: () => {
      // In the order the page shows them.
      const checked = /** @type {NodeListOf<HTMLInputElement>} */ (fieldset.querySelectorAll('.cg-o > input:checked'))
      return [...checked].map((input) => input.value)
    },
    showAnswer: (answer) => {
      for (const input of inputs) input.checked = answer.includes(input.value)
    },
    isAnswered: (answer) => answer.length > 0,
    grade: (answer) => answerShare(question, answer),
    feedback: (answer) => choiceFeedback(question, strings, answer, optionRow),
    authoredPositions: (answer) => answer.map((token) => tokens.indexOf(token)),
    fitsSaved: (order, answer, checked) =>
      isPermutationOf(order, tokens) &&
      (answer == null ? !checked : Array.isArray(answer) && answer.every((token) => tokens.includes(token))),
  }
}

/**
 * Marks a checked choice question's options, and lists the feedback on the chosen ones and the
 * right ones missed.
 * @param {ChoiceQuestion} question
 * @param {QuizStrings} strings
 * @param {string[]} answer
 * @param {(token: string) => HTMLElement} optionRow
 */
const choiceFeedback = (question, strings, answer, optionRow) => {
  const chosen = []
  const missed = []
  for (const option of question.options) {
    const row = optionRow(option.token)
    const text = /** @type {HTMLLabelElement} */ (row.querySelector('label')).innerHTML
    if (answer.includes(option.token)) {
      const verdict = option.correct ? strings.correct : strings.wrong
      addMark(row, option.correct ? 'ok' : 'bad', strings.your_answer + ': ' + verdict)
      chosen.push(feedbackItem(strings.your_answer, text, option.feedback))
    } else if (option.correct) {
      addMark(row, 'miss', question.type == 'single' ? strings.right_answer : strings.missed)
      missed.push(feedbackItem(strings.right_answer, text))
    }
  }
  return feedbackList('ul', [...chosen, ...missed])
}

/**
 * Ordering: a list of steps, each with move up and move down buttons.
 * @param {OrderingQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @returns {QuestionController}
 */
const orderingQuestion = (question, container, strings) => {
  const list = /** @type {HTMLOListElement} */ (container.querySelector('.cg-ol'))
  const items = /** @type {HTMLLIElement[]} */ ([...list.children])
  const tokens = question.steps.map((step) => step.token)
  /** @param {string} token */
  const item = (token) => /** @type {HTMLLIElement} */ (items.find((candidate) => candidate.dataset.v == token))
  /** @param {string[]} order */
  const applyOrder = (order) => {
    for (const token of order) list.append(item(token))
  }
  /** @param {string} token */
  const stepText = (token) => /** @type {HTMLElement} */ (item(token).querySelector('.cg-it')).innerHTML

  return {
    shuffledOrder: () => {
      const order = [...tokens]
      // Never start from the right order. (An ordering question has two steps at least, so a
      // shuffle soon differs.)
      do shuffleInPlace(order)
      while (stepsInPlace(question, order).every(Boolean))
      return order
    },
    applyOrder: (order) => applyOrder(/** @type {string[]} */ (order)),
    readAnswer: () => /** @type {HTMLLIElement[]} */ ([...list.children]).map((step) => step.dataset.v),
    showAnswer: applyOrder,
    isAnswered: () => true,
    grade: (answer) => answerShare(question, answer),
    feedback: (answer) => {
      const inPlace = stepsInPlace(question, answer)
      answer.forEach((token, position) => {
        const belongs = fillPlaceholders(strings.belongs, { n: tokens.indexOf(token) + 1 })
        const text = inPlace[position] ? strings.right_place : belongs
        addMark(item(token), inPlace[position] ? 'ok' : 'bad', text)
      })
      return [
        element('p', 'cg-l', strings.right_order),
        ...feedbackList(
          'ol',
          question.steps.map((step) => feedbackItem('', stepText(step.token), step.feedback)),
        ),
      ]
    },
    authoredPositions: (answer) => answer.map((token) => tokens.indexOf(token)),
    fitsSaved: (order, answer, checked) =>
      isPermutationOf(order, tokens) && (answer == null ? !checked : isPermutationOf(answer, tokens)),
  }
}

/**
 * Matching: one drop-down list per pair, each offering every right-hand item.
 * @param {MatchingQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @returns {QuestionController}
 */
const matchingQuestion = (question, container, strings) => {
  const selects = /** @type {HTMLSelectElement[]} */ ([...container.querySelectorAll('.cg-mr > select')])
  /** @param {HTMLSelectElement} select @param {string} token */
  const option = (select, token) =>
    /** @type {HTMLOptionElement} */ ([...select.options].find((candidate) => candidate.value == token))

  return {
    shuffledOrder: () => shuffleInPlace([...question.choices]),
    applyOrder: (order) => {
      // After the list's first option, which chooses nothing.
      for (const select of selects) {
        for (const token of /** @type {string[]} */ (order)) select.append(option(select, token))
      }
    },
    readAnswer: () => selects.map((select) => select.value),
    showAnswer: (answer) => selects.forEach((select, position) => (select.value = answer[position] || '')),
    isAnswered: (answer) => answer.every((token) => token != ''),
    grade: (answer) => answerShare(question, answer),
    feedback: (answer) => {
      const matched = pairsMatched(question, answer)
      const items = []
      for (const [position, select] of selects.entries()) {
        const pair = question.pairs[position]
        const row = /** @type {HTMLElement} */ (select.parentElement)
        const rightText = option(select, pair.match).text
        const right = matched[position]
        addMark(
          row,
          right ? 'ok' : 'bad',
          right ? strings.correct : fillPlaceholders(strings.right_match, { m: rightText }),
        )
        const left = /** @type {HTMLLabelElement} */ (row.querySelector('label')).textContent
        if (pair.feedback) items.push(feedbackItem(left + ' → ' + rightText, '', pair.feedback))
      }
      return feedbackList('ul', items)
    },
    authoredPositions: (answer) => answer.map((token) => question.choices.indexOf(token)),
    fitsSaved: (order, answer, checked) =>
      isPermutationOf(order, question.choices) &&
      (answer == null
        ? !checked
        : Array.isArray(answer) &&
          answer.length == selects.length &&
          answer.every((token) => token == '' || question.choices.includes(token))),
  }
}

// What a trainer's step text looks like when it starts with its speaker in bold, as Markdown renders
// "**Helen:** …" (or "**Helen**: …"): a name of up to 40 characters and a colon.
const SPEAKER_LABEL = /^<p><strong>[^<:]{1,40}(?::<\/strong>|<\/strong>:)/

/**
 * One line of a role-play's conversation: who speaks, and what they say (HTML).
 * @param {string} speaker
 * @param {string} html
 */
const conversationLine = (speaker, html) => {
  // A step that names its speaker itself ("**Helen:** …") is not labelled a second time.
  const said = SPEAKER_LABEL.test(html)
    ? element('div', 'cg-say')
    : element('div', 'cg-say', element('strong', '', speaker + ': '))
  said.insertAdjacentHTML('beforeend', html)
  return said
}

/**
 * Shows a role-play's conversation along `path`, then the step it is at, if it is not over: what
 * the customer says and the choices as radio buttons.
 * @param {RolePlayQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @param {number[]} path
 */
const showConversation = (question, container, strings, path) => {
  const conversation = /** @type {HTMLElement} */ (container.querySelector('.cg-rp'))
  conversation.replaceChildren()
  let at = question.start
  for (const position of path) {
    const step = question.steps[at]
    const choice = step.choices[position]
    conversation.append(conversationLine(strings.customer, step.customer), conversationLine(strings.you, choice.text))
    at = choice.next
  }
  const step = stepAt(question, at)
  if (!step) return // the conversation reached an ending
  const name = `${container.id}-${path.length}`
  const customer = conversationLine(strings.customer, step.customer)
  customer.tabIndex = -1 // focus moves here after each choice
  const positions = step.choices.map((_, position) => position)
  const choices = (question.shuffle ? shuffleInPlace(positions) : positions).map((position) => {
    const radio = element('input', '')
    const label = elementWithHtml('label', '', step.choices[position].text)
    radio.type = 'radio'
    radio.name = name
    radio.id = label.htmlFor = `${name}-${position}`
    radio.value = String(position)
    return element('div', 'cg-o', radio, label)
  })
  conversation.append(
    customer,
    element('fieldset', 'cg-f', element('legend', 'cg-p', strings.respond), ...choices),
    actionButton(strings.choose, 'choose'),
  )
}

/**
 * A finished conversation's result: its ending, how it was scored, and a debrief of each choice.
 * @param {RolePlayQuestion} question
 * @param {QuizStrings} strings
 * @param {number[]} path
 */
const conversationFeedback = (question, strings, path) => {
  const { at, choices } = followPath(question, path)
  const debrief = choices.map((choice) => {
    const item = feedbackItem(strings.you, choice.text, choice.feedback)
    // The points go between what the learner said and the feedback on it, the item's last child.
    item.lastElementChild?.before(element('p', 'cg-pts', fillPlaceholders(strings.points, { n: choice.points })))
    return item
  })
  const scoredBy = question.scoring === 'ending' ? strings.scored_ending : strings.scored_path
  return [
    elementWithHtml('div', 'cg-end', /** @type {RolePlayEnding} */ (endingAt(question, at)).text),
    element('p', 'cg-how', fillPlaceholders(scoredBy, { n: pathPoints(question, path), max: question.points })),
    element('p', 'cg-l', strings.debrief),
    ...feedbackList('ol', debrief),
  ]
}

/**
 * Whether a path read from storage can be shown: each choice one its step has; a checked one
 * must have reached an ending, which its result shows.
 * @param {RolePlayQuestion} question
 * @param {unknown} path
 * @param {boolean} checked
 */
const fitsConversation = (question, path, checked) => {
  if (path == null) return !checked
  if (!Array.isArray(path)) return false
  let at = question.start
  for (const position of path) {
    const step = stepAt(question, at)
    if (!step || !Number.isInteger(position) || position < 0 || position >= step.choices.length) return false
    at = step.choices[position].next
  }
  return !checked || endingAt(question, at) !== undefined
}

/**
 * Role-play: a conversation shown one step at a time, built from the quiz data; the learner
 * picks a choice at each step until an ending.
 * @param {RolePlayQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @param {() => number[] | undefined} savedPath the choices the attempt holds so far
 * @returns {QuestionController}
 */
const rolePlayQuestion = (question, container, strings, savedPath) => ({
  shuffledOrder: () => 0,
  applyOrder: () => {},
  readAnswer: () => savedPath() || [],
  showAnswer: (path) => showConversation(question, container, strings, path),
  isAnswered: () => true,
  grade: (path) => answerShare(question, path),
  ending: (path) => endingAt(question, followPath(question, path).at),
  feedback: (path) => conversationFeedback(question, strings, path),
  authoredPositions: (path) => path,
  fitsSaved: (_order, path, checked) => fitsConversation(question, path, checked),
})

/**
 * The controller for a question of any type.
 * @param {Question} question its quiz data
 * @param {HTMLElement} container its .cg-q element
 * @param {QuizStrings} strings
 * @param {() => number[] | undefined} savedPath role-plays: the choices the attempt holds so far
 * @returns {QuestionController}
 */
export const questionController = (question, container, strings, savedPath) => {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return choiceQuestion(question, container, strings)
    case 'ordering':
      return orderingQuestion(question, container, strings)
    case 'matching':
      return matchingQuestion(question, container, strings)
    default:
      return rolePlayQuestion(question, container, strings, savedPath)
  }
}
