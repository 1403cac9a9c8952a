// How the quiz runtime works each type of question: a controller per question that reads and
// shows its answer, shuffles it, grades it and explains the result. quiz.js does the rest (the
// attempt, saving, buttons, the summary) the same way for every type.

import { element, elementWithHtml, fillPlaceholders, shuffleInPlace } from './shared.js'

/** @typedef {import('./contract.js').Question} Question */
/** @typedef {import('./contract.js').SingleChoiceQuestion} SingleChoiceQuestion */
/** @typedef {import('./contract.js').MultipleChoiceQuestion} MultipleChoiceQuestion */
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

// What a trainer's step text looks like when it starts with its speaker in bold, as Markdown renders
// "**Helen:** …" (or "**Helen**: …"): a name of up to 40 characters and a colon.
const SPEAKER_LABEL = /^<p><strong>[^<:]{1,40}(?::<\/strong>|<\/strong>:)/

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
 * @param {SingleChoiceQuestion | MultipleChoiceQuestion} question
 * @param {HTMLElement} container
 * @param {QuizStrings} strings
 * @returns {QuestionController}
 */
const choiceQuestion = (question, container, strings) => {
  const fieldset = /** @type {HTMLFieldSetElement} */ (container.querySelector('.cg-f'))
  const inputs = /** @type {HTMLInputElement[]} */ ([...fieldset.querySelectorAll('.cg-o > input')])
  const tokens = question.o.map((option) => option.v)
  const rightTokens = question.o.filter((option) => option.c).map((option) => option.v)
  /** The option's row: its input and label. @param {string} token */
  const optionRow = (token) => /** @type {HTMLElement} */ (inputs.find((input) => input.value == token)?.parentElement)

  return {
    shuffledOrder: () => {
      // Pinned options keep their place; the others take the free places in a random order.
      const free = shuffleInPlace(question.o.filter((option) => !option.pin).map((option) => option.v))
      return question.o.map((option) => (question.sh && !option.pin ? /** @type {string} */ (free.pop()) : option.v))
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
    grade: (answer) => {
      const right = answer.filter((token) => rightTokens.includes(token)).length
      const wrong = answer.length - right
      // Partial credit: each right choice earns its share, each wrong one costs as much.
      if (question.t == 'multiple' && question.pc) return Math.max(0, (right - wrong) / rightTokens.length)
      return right == rightTokens.length && !wrong ? 1 : 0
    },
    feedback: (answer) => {
      const chosen = []
      const missed = []
      for (const option of question.o) {
        const row = optionRow(option.v)
        const text = /** @type {HTMLLabelElement} */ (row.querySelector('label')).innerHTML
        if (answer.includes(option.v)) {
          addMark(
            row,
            option.c ? 'ok' : 'bad',
            strings.your_answer + ': ' + (option.c ? strings.correct : strings.wrong),
          )
          chosen.push(feedbackItem(strings.your_answer, text, option.f))
        } else if (option.c) {
          addMark(row, 'miss', question.t == 'single' ? strings.right_answer : strings.missed)
          missed.push(feedbackItem(strings.right_answer, text))
        }
      }
      return feedbackList('ul', [...chosen, ...missed])
    },
    authoredPositions: (answer) => answer.map((token) => tokens.indexOf(token)),
    fitsSaved: (order, answer, checked) =>
      isPermutationOf(order, tokens) &&
      (answer == null ? !checked : Array.isArray(answer) && answer.every((token) => tokens.includes(token))),
  }
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
  const tokens = question.o.map((step) => step.v)
  /** @param {string} token */
  const item = (token) => /** @type {HTMLLIElement} */ (items.find((candidate) => candidate.dataset.v == token))
  /** @param {string[]} order */
  const isRightOrder = (order) => order.every((token, position) => token == tokens[position])
  /** @param {string[]} order */
  const applyOrder = (order) => {
    for (const token of order) list.append(item(token))
  }

  return {
    shuffledOrder: () => {
      const order = [...tokens]
      // Never start from the right order. (An ordering question has two steps at least, so a
      // shuffle soon differs.)
      do shuffleInPlace(order)
      while (isRightOrder(order))
      return order
    },
    applyOrder: (order) => applyOrder(/** @type {string[]} */ (order)),
    readAnswer: () => /** @type {HTMLLIElement[]} */ ([...list.children]).map((step) => step.dataset.v),
    showAnswer: applyOrder,
    isAnswered: () => true,
    grade: (answer) => {
      const inPlace = answer.filter((token, position) => token == tokens[position]).length
      if (question.pc) return inPlace / tokens.length
      return inPlace == tokens.length ? 1 : 0
    },
    feedback: (answer) => {
      answer.forEach((token, position) => {
        const inPlace = token == tokens[position]
        const text = inPlace ? strings.right_place : fillPlaceholders(strings.belongs, { n: tokens.indexOf(token) + 1 })
        addMark(item(token), inPlace ? 'ok' : 'bad', text)
      })
      const stepText = (/** @type {string} */ token) =>
        /** @type {HTMLElement} */ (item(token).querySelector('.cg-it')).innerHTML
      return [
        element('p', 'cg-l', strings.right_order),
        ...feedbackList(
          'ol',
          question.o.map((step) => feedbackItem('', stepText(step.v), step.f)),
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
  const option = (select, token) => /** @type {HTMLOptionElement} */ ([...select.options].find((o) => o.value == token))

  return {
    shuffledOrder: () => shuffleInPlace([...question.x]),
    applyOrder: (order) => {
      // After the list's first option, which chooses nothing.
      for (const select of selects) {
        for (const token of /** @type {string[]} */ (order)) select.append(option(select, token))
      }
    },
    readAnswer: () => selects.map((select) => select.value),
    showAnswer: (answer) => selects.forEach((select, k) => (select.value = answer[k] || '')),
    isAnswered: (answer) => answer.every((token) => token != ''),
    grade: (answer) => {
      const right = question.o.filter((pair, k) => answer[k] == pair.m).length
      if (question.pc) return right / question.o.length
      return right == question.o.length ? 1 : 0
    },
    feedback: (answer) => {
      const items = []
      for (const [k, select] of selects.entries()) {
        const pair = question.o[k]
        const row = /** @type {HTMLElement} */ (select.parentElement)
        const rightText = option(select, pair.m).text
        const right = answer[k] == pair.m
        addMark(
          row,
          right ? 'ok' : 'bad',
          right ? strings.correct : fillPlaceholders(strings.right_match, { m: rightText }),
        )
        const left = /** @type {HTMLLabelElement} */ (row.querySelector('label')).textContent
        if (pair.f) items.push(feedbackItem(left + ' → ' + rightText, '', pair.f))
      }
      return feedbackList('ul', items)
    },
    authoredPositions: (answer) => answer.map((token) => question.x.indexOf(token)),
    fitsSaved: (order, answer, checked) =>
      isPermutationOf(order, question.x) &&
      (answer == null
        ? !checked
        : Array.isArray(answer) &&
          answer.length == selects.length &&
          answer.every((token) => token == '' || question.x.includes(token))),
  }
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
const rolePlayQuestion = (question, container, strings, savedPath) => {
  const conversation = /** @type {HTMLElement} */ (container.querySelector('.cg-rp'))
  /** @param {string} id */
  const stepAt = (id) => (Object.hasOwn(question.st, id) ? question.st[id] : undefined)
  /** @param {string} id */
  const endingAt = (id) => (Object.hasOwn(question.en, id) ? question.en[id] : undefined)
  /**
   * Follows `path` from the first step: where it leads, the points it earns, the choices on it.
   * @param {number[]} path
   */
  const follow = (path) => {
    let at = question.s
    let points = 0
    const choices = path.map((position) => {
      const choice = question.st[at].o[position]
      points += choice.p
      at = choice.n
      return choice
    })
    return { at, points, choices }
  }
  /**
   * What `path` earns, out of question.p: its choices' points, or with ending scoring the score
   * of the ending it reaches (so that a slip the conversation recovers from can still cost).
   * @param {number[]} path
   */
  const earned = (path) => {
    const { at, points } = follow(path)
    return question.sm === 'ending' ? (endingAt(at)?.s ?? 0) : points
  }
  /**
   * One line of the conversation: who speaks, and what they say (HTML).
   * @param {string} speaker
   * @param {string} html
   */
  const line = (speaker, html) => {
    // A step that names its speaker itself ("**Helen:** …") is not labelled a second time.
    const said = SPEAKER_LABEL.test(html)
      ? element('div', 'cg-say')
      : element('div', 'cg-say', element('strong', '', speaker + ': '))
    said.insertAdjacentHTML('beforeend', html)
    return said
  }

  return {
    shuffledOrder: () => 0,
    applyOrder: () => {},
    readAnswer: () => savedPath() || [],
    showAnswer: (path) => {
      conversation.replaceChildren()
      let at = question.s
      for (const position of path) {
        const step = question.st[at]
        conversation.append(line(strings.customer, step.c), line(strings.you, step.o[position].h))
        at = step.o[position].n
      }
      const step = stepAt(at)
      if (!step) return // the conversation reached an ending
      // The step the learner is at: what the customer says, then the choices as radio buttons.
      const name = `${container.id}-${path.length}`
      const customer = line(strings.customer, step.c)
      customer.tabIndex = -1 // focus moves here after each choice
      const positions = step.o.map((_, position) => position)
      const choices = (question.sh ? shuffleInPlace(positions) : positions).map((position) => {
        const radio = element('input', '')
        const label = elementWithHtml('label', '', step.o[position].h)
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
    },
    isAnswered: () => true,
    grade: (path) => (question.p ? earned(path) / question.p : 1),
    ending: (path) => endingAt(follow(path).at),
    feedback: (path) => {
      const { at, choices } = follow(path)
      const debrief = choices.map((choice) => {
        const item = feedbackItem(strings.you, choice.h, choice.f)
        // The points go between what the learner said and the feedback on it, the item's last child.
        item.lastElementChild?.before(element('p', 'cg-pts', fillPlaceholders(strings.points, { n: choice.p })))
        return item
      })
      const scoredBy = question.sm === 'ending' ? strings.scored_ending : strings.scored_path
      return [
        elementWithHtml('div', 'cg-end', /** @type {RolePlayEnding} */ (endingAt(at)).x),
        element('p', 'cg-how', fillPlaceholders(scoredBy, { n: earned(path), max: question.p })),
        element('p', 'cg-l', strings.debrief),
        ...feedbackList('ol', debrief),
      ]
    },
    authoredPositions: (path) => path,
    fitsSaved: (_order, path, checked) => {
      if (path == null) return !checked
      if (!Array.isArray(path)) return false
      let at = question.s
      for (const position of path) {
        const step = stepAt(at)
        if (!step || !Number.isInteger(position) || position < 0 || position >= step.o.length) return false
        at = step.o[position].n
      }
      // A checked conversation has reached an ending, which its result shows.
      return !checked || endingAt(at) !== undefined
    },
  }
}

/**
 * The controller for a question of any type.
 * @param {Question} question its quiz data
 * @param {HTMLElement} container its .cg-q element
 * @param {QuizStrings} strings
 * @param {() => number[] | undefined} savedPath role-plays: the choices the attempt holds so far
 * @returns {QuestionController}
 */
export const questionController = (question, container, strings, savedPath) => {
  switch (question.t) {
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
