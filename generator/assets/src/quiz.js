// The quiz runtime: grades the quizzes on a page in the browser, for practice and
// self-assessment. Loaded only by pages that hold a quiz; brings the progress tracker along.
//
// Each quiz is a server-rendered form (<section class="cg-quiz">, see quiz_html.py); what grading
// needs travels obfuscated in its data-key (quiz-data.js). The learner's attempt is saved in
// localStorage under coursegen:<course>:<quiz>:<quiz version>, so a reload or another tab of the
// same browser carries on with it; a new version of the quiz starts afresh.

import { decodeQuizData } from './quiz-data.js'
import { actionButton, questionController } from './quiz-questions.js'
import {
  announce,
  element,
  elementWithHtml,
  fillPlaceholders,
  formatNumber,
  isPlainObject,
  parseJson,
  roundToHundredths,
  shuffleInPlace,
  withStorage,
} from './shared.js'

// For tests/browser/test_runtime_twins.py, which runs them against quiz_html's Python twins.
export { decodeQuizData, obfuscationKey, unmask } from './quiz-data.js'

/** @typedef {import('./contract.js').QuizElementData} QuizElementData */
/** @typedef {import('./contract.js').QuizStrings} QuizStrings */
/** @typedef {import('./quiz-questions.js').QuestionController} QuestionController */
/** @typedef {import('./quiz-questions.js').Order} Order */
/** @typedef {import('./quiz-questions.js').Answer} Answer */

/**
 * One attempt at a quiz, as saved (JSON) under coursegen:<course>:<quiz>:<quiz version>. Its
 * questions are known by their position in the quiz data; the keys of o, a and c are those
 * positions, as text.
 * @typedef {object} Attempt
 * @property {number[]} d the questions drawn for the attempt, in order
 * @property {Record<string, Order>} o each drawn question's order
 * @property {Record<string, Answer>} a each question's answer so far
 * @property {Record<string, number>} c each checked question's share of its points, 0 to 1
 */

/**
 * The detail of the coursegen:quiz-complete event, which the README's "Sending results elsewhere"
 * documents for other pages to listen to: keep it as it is.
 * @typedef {object} QuizCompleteDetail
 * @property {string} quizId
 * @property {number} score the points earned
 * @property {number} max the points the questions asked give
 * @property {boolean} passed
 * @property {AnswerReport[]} answers the questions asked, in order
 */

/**
 * @typedef {object} AnswerReport
 * @property {string} id the question id
 * @property {string} type its type
 * @property {number} score the points earned
 * @property {number} max the points it gives
 * @property {number[]} answer the answer in authored positions (QuestionController.authoredPositions)
 */

// The runtime's own controls. A quiz can hold others (Material's copy button on a code block, a
// trainer's own with allow_html): those are never disabled, and their clicks are none of ours.
const OWN_CONTROLS = '.cg-o>input,.cg-mr>select,button[data-act],button[data-mv]'

/**
 * Switches the runtime's own controls in `container` on or off.
 * @param {Element} container
 * @param {boolean} on
 */
const switchControls = (container, on) => {
  for (const control of /** @type {NodeListOf<HTMLInputElement>} */ (container.querySelectorAll(OWN_CONTROLS))) {
    control.disabled = !on
  }
}

/** @type {WeakSet<HTMLElement>} the quizzes this module has bound, which instant navigation may show again */
const boundQuizzes = new WeakSet()

/**
 * Makes one quiz work: decodes its data, restores or starts the attempt, and handles its buttons.
 * Rejects when the data does not decode.
 * @param {HTMLElement} root the quiz's .cg-quiz element
 */
const bindQuiz = async (root) => {
  boundQuizzes.add(root)
  const data = /** @type {QuizElementData} */ (root.dataset)
  const passMark = Number(data.pass)
  const draw = Number(data.draw)
  const strings = /** @type {QuizStrings} */ (JSON.parse(data.strings))
  const questions = (await decodeQuizData(data.key, data.quiz + ':' + data.hash)).q
  // Attempts at every version of this quiz share the prefix; the key adds this version.
  const keyPrefix = `coursegen:${data.course}:${data.quiz}:`
  const storageKey = keyPrefix + data.hash
  const questionElements = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('.cg-q')])
  const liveRegion = /** @type {HTMLElement} */ (root.querySelector('.cg-live'))
  const summary = /** @type {HTMLElement} */ (root.querySelector('.cg-sum'))
  /** @param {string} message */
  const say = (message) => announce(liveRegion, message)

  /** @type {Attempt} */
  let attempt = { d: [], o: {}, a: {}, c: {} }
  const save = () => withStorage((storage) => storage.setItem(storageKey, JSON.stringify(attempt)))

  const controllers = questions.map((question, index) =>
    questionController(question, questionElements[index], strings, () => attempt.a[index]),
  )

  /**
   * The verdict on a checked question: its class (correct, partial or wrong) and its words.
   * @param {number} index
   * @param {number} share of the points earned
   * @returns {[string, string]}
   */
  const verdict = (index, share) => {
    const ending = controllers[index].ending?.(attempt.a[index])
    if (ending) {
      const kind = { success: 'correct', partial: 'partial', failure: 'wrong' }[ending.k]
      return [kind, ending.h + ' — ' + strings[`outcome_${ending.k}`]]
    }
    const kind = share >= 1 ? 'correct' : share > 0 ? 'partial' : 'wrong'
    return [kind, strings[kind]]
  }

  /**
   * Grades a question's answer and shows the result under it, its controls switched off.
   * @param {number} index
   */
  const showResult = (index) => {
    const question = questions[index]
    const container = questionElements[index]
    const share = (attempt.c[index] = controllers[index].grade(attempt.a[index]))
    const [kind, words] = verdict(index, share)
    switchControls(container, false)
    const result = /** @type {HTMLElement} */ (container.querySelector('.cg-r'))
    const score = fillPlaceholders(strings.score, {
      score: formatNumber(share * question.p),
      max: formatNumber(question.p),
    })
    result.replaceChildren(
      element('p', 'cg-v cg-' + kind, words + ' — ' + score),
      ...controllers[index].feedback(attempt.a[index]),
    )
    if (question.e)
      result.append(element('p', 'cg-l', strings.explanation), elementWithHtml('div', 'cg-ex', question.e))
    for (const [title, url] of question.r) {
      const link = element('a', '', fillPlaceholders(strings.review, { lesson: title }))
      link.href = url
      result.append(element('p', 'cg-rv', link))
    }
    return result
  }

  /**
   * Shows a question as the attempt has it: its order, its answer, and its result if checked.
   * @param {number} index
   */
  const showQuestion = (index) => {
    const container = questionElements[index]
    for (const mark of container.querySelectorAll('.cg-m')) mark.remove()
    switchControls(container, true)
    const result = /** @type {HTMLElement} */ (container.querySelector('.cg-r'))
    result.replaceChildren()
    controllers[index].applyOrder(attempt.o[index])
    controllers[index].showAnswer(attempt.a[index] || [])
    if (index in attempt.c) showResult(index)
  }

  const isComplete = () => attempt.d.every((index) => index in attempt.c)

  /**
   * Shows the quiz's result under its questions, once every question is checked. Unless `quietly`
   * (showing a finished attempt again), also dispatches coursegen:quiz-complete and returns what
   * to announce.
   * @param {boolean} quietly
   */
  const showSummary = (quietly) => {
    let score = 0
    let max = 0
    for (const index of attempt.d) {
      score += attempt.c[index] * questions[index].p
      max += questions[index].p
    }
    score = roundToHundredths(score)
    const passed = score * 100 >= passMark * max
    /** @param {number} n */
    const percent = (n) => fillPlaceholders(strings.percent, { n })
    const heading = element(
      'p',
      'cg-v cg-' + (passed ? 'correct' : 'wrong'),
      strings.result + ': ' + (passed ? strings.passed : strings.failed),
    )
    heading.setAttribute('role', 'heading')
    heading.setAttribute('aria-level', data.hl || '2')
    const total = fillPlaceholders(strings.total, {
      score: formatNumber(score),
      max: formatNumber(max),
      percent: percent(max ? Math.round((100 * score) / max) : 100),
    })
    summary.replaceChildren(
      heading,
      element('p', '', total + ' · ' + fillPlaceholders(strings.pass_mark, { mark: percent(passMark) })),
      actionButton(strings.retry_all, 'all'),
    )
    if (attempt.d.some((index) => attempt.c[index] < 1)) summary.append(actionButton(strings.retry_wrong, 'wrong'))
    summary.hidden = false
    if (quietly) return ''
    /** @type {AnswerReport[]} */
    const answers = attempt.d.map((index) => {
      const question = questions[index]
      return {
        id: question.id,
        type: question.t,
        score: roundToHundredths(attempt.c[index] * question.p),
        max: question.p,
        answer: controllers[index].authoredPositions(attempt.a[index]),
      }
    })
    /** @type {QuizCompleteDetail} */
    const detail = { quizId: data.quiz, score, max, passed, answers }
    document.dispatchEvent(new CustomEvent('coursegen:quiz-complete', { detail }))
    return heading.textContent + '. ' + total
  }

  /** Shows the whole attempt: the drawn questions, numbered, and the summary if it is finished. */
  const showAttempt = () => {
    let number = 0
    questionElements.forEach((container, index) => {
      container.hidden = !attempt.d.includes(index)
      if (container.hidden) return
      const heading = /** @type {HTMLElement} */ (container.querySelector('.cg-n'))
      heading.textContent = fillPlaceholders(strings.question, { n: ++number, total: attempt.d.length })
      showQuestion(index)
    })
    summary.hidden = true
    if (isComplete()) showSummary(true)
  }

  /** A new attempt: questions drawn (when the quiz draws) and options shuffled. */
  const newAttempt = () => {
    let drawn = questions.map((_, index) => index)
    if (draw && draw < drawn.length) {
      // A random few, asked in the quiz's order.
      drawn = shuffleInPlace(drawn).slice(0, draw)
      drawn.sort((a, b) => a - b)
    }
    attempt = { d: drawn, o: {}, a: {}, c: {} }
    for (const index of drawn) attempt.o[index] = controllers[index].shuffledOrder()
  }

  /**
   * Whether a saved attempt (parsed JSON) belongs to this quiz: drawn questions that exist, and
   * for each an order and answer its controller can show.
   * @param {unknown} saved
   * @returns {saved is Attempt}
   */
  const fitsQuiz = (saved) =>
    isPlainObject(saved) &&
    Array.isArray(saved.d) &&
    saved.d.length > 0 &&
    saved.d.every((index, k) => questions[index] && Number.isInteger(index) && saved.d.indexOf(index) == k) &&
    isPlainObject(saved.o) &&
    isPlainObject(saved.a) &&
    isPlainObject(saved.c) &&
    saved.d.every((/** @type {number} */ index) =>
      controllers[index].fitsSaved(saved.o[index], saved.a[index], index in saved.c),
    )

  /**
   * Takes over a saved attempt (JSON text), or starts a new one when there is none or it does not
   * fit this quiz; then shows it.
   * @param {string | null | undefined} text
   */
  const restore = (text) => {
    const saved = parseJson(text)
    if (fitsQuiz(saved)) attempt = saved
    else newAttempt()
    showAttempt()
  }

  /**
   * Shows the result of a question just checked, and the quiz's result when it was the last.
   * @param {number} index
   */
  const afterCheck = (index) => {
    const result = showResult(index)
    save()
    result.focus()
    const verdictText = /** @type {HTMLElement} */ (result.firstElementChild).textContent
    say(isComplete() ? verdictText + ' ' + showSummary(false) : verdictText)
  }

  /**
   * Shows the attempt after a retry, focused on the first question to answer again.
   * @param {number[]} again
   */
  const retry = (again) => {
    showAttempt()
    save()
    const firstAgain = /** @type {HTMLElement} */ (questionElements[again[0]].querySelector('.cg-n'))
    firstAgain.focus()
  }

  /** @param {number} index */
  const checkAnswer = (index) => {
    const answer = controllers[index].readAnswer()
    if (!controllers[index].isAnswered(answer)) {
      return say(questions[index].t == 'matching' ? strings.need_all : strings.need_answer)
    }
    attempt.a[index] = answer
    afterCheck(index)
  }

  /**
   * A role-play's step: the choice counts when the learner presses Choose.
   * @param {number} index
   * @param {HTMLElement} container
   */
  const chooseStep = (index, container) => {
    const picked = /** @type {HTMLInputElement | null} */ (container.querySelector('.cg-rp input:checked'))
    if (!picked) return say(strings.need_answer)
    // The path so far, and this choice.
    const path = (attempt.a[index] = [...controllers[index].readAnswer(), Number(picked.value)])
    controllers[index].showAnswer(path)
    if (controllers[index].ending?.(path)) return afterCheck(index)
    save()
    // Focus goes to what the customer says next.
    const customerLine = /** @type {HTMLElement} */ (container.querySelector('.cg-say[tabindex]'))
    customerLine.focus()
  }

  /**
   * An ordering question's move up (data-mv -1) or move down (1) button.
   * @param {number} index
   * @param {HTMLElement} _container
   * @param {HTMLElement} button
   */
  const moveStep = (index, _container, button) => {
    const step = /** @type {HTMLLIElement} */ (button.closest('li'))
    const up = Number(button.dataset.mv) < 0
    const neighbour = up ? step.previousElementSibling : step.nextElementSibling
    // Move the neighbour, not the step, so that the pressed button keeps the focus.
    if (neighbour && up) step.after(neighbour)
    else if (neighbour) step.before(neighbour)
    const steps = [.../** @type {HTMLElement} */ (step.parentElement).children]
    say(fillPlaceholders(strings.moved, { n: steps.indexOf(step) + 1, total: steps.length }))
    attempt.a[index] = controllers[index].readAnswer()
    save()
  }

  const retryAll = () => {
    newAttempt()
    retry(attempt.d)
  }

  // The missed questions only, shuffled again; the others keep their result.
  const retryMissed = () => {
    const again = attempt.d.filter((index) => attempt.c[index] < 1)
    for (const index of again) {
      delete attempt.a[index]
      delete attempt.c[index]
      attempt.o[index] = controllers[index].shuffledOrder()
    }
    retry(again)
  }

  // The runtime's other buttons name their action in data-act.
  /** @type {Map<string, (index: number, container: HTMLElement, button: HTMLElement) => void>} */
  const actions = new Map([
    ['check', checkAnswer],
    ['choose', chooseStep],
    ['all', retryAll],
    ['wrong', retryMissed],
  ])

  root.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button')
    if (!button) return
    const action = button.dataset.mv ? moveStep : actions.get(button.dataset.act || '')
    // Each action gets the question the button is in: its position and its element. (The retry
    // buttons under the quiz are in none, and use neither.)
    const container = /** @type {HTMLElement} */ (button.closest('.cg-q'))
    action?.(container ? Number(container.dataset.i) : -1, container, button)
  })
  // A choice made, or a list's match chosen, is saved at once, before it is checked.
  root.addEventListener('change', (event) => {
    const control = /** @type {HTMLElement} */ (event.target)
    const container = /** @type {HTMLElement | null} */ (control.closest('.cg-q'))
    if (!container || !control.matches(OWN_CONTROLS) || control.closest('.cg-rp')) return
    const index = Number(container.dataset.i)
    attempt.a[index] = controllers[index].readAnswer()
    save()
  })

  restore(withStorage((storage) => storage.getItem(storageKey)))
  // Attempts at older versions of this quiz are dropped, never restored.
  withStorage((storage) => {
    for (let k = storage.length - 1; k >= 0; k--) {
      const key = /** @type {string} */ (storage.key(k))
      if (key.startsWith(keyPrefix) && key != storageKey) storage.removeItem(key)
    }
  })
  // The quiz open in several tabs is one attempt: each takes over what another saves (or deletes)
  // the moment it is saved, so the next answer here is saved on top of it, not over it.
  /** @param {StorageEvent} event */
  const takeOver = (event) => {
    if (!root.isConnected) return removeEventListener('storage', takeOver)
    // A null key: the whole storage was cleared.
    if (event.key == storageKey || event.key === null) restore(event.newValue)
  }
  addEventListener('storage', takeOver)
}

/**
 * A quiz whose data does not decode (a damaged page, a browser without DecompressionStream) says
 * so where the learner looks, and switches its controls off, rather than leave a form that does
 * nothing. The reason goes to the console, for whoever looks into it.
 * @param {HTMLElement} root
 * @param {unknown} error
 */
const reportBroken = (root, error) => {
  console.error('coursegen quiz', error)
  switchControls(root, false)
  const strings = /** @type {Partial<QuizStrings> | null | undefined} */ (parseJson(root.dataset.strings))
  const message = element('p', 'cg-v cg-wrong', strings?.broken || '')
  message.setAttribute('role', 'alert')
  root.prepend(message)
}

/** Binds the page's quizzes that are not bound yet; marks the moment they are ready. */
const bindQuizzesOnPage = async () => {
  const roots = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.cg-quiz')]).filter(
    (root) => !boundQuizzes.has(root),
  )
  const bound = await Promise.all(
    roots.map((root) =>
      bindQuiz(root).then(
        () => true,
        (error) => {
          reportBroken(root, error)
          return false
        },
      ),
    ),
  )
  if (bound.includes(true)) performance.mark('coursegen:quiz-ready')
}

bindQuizzesOnPage()
// Material's instant navigation swaps the page without loading this module again.
window.document$?.subscribe(bindQuizzesOnPage)

// A quiz page holds this one script: it brings results.js, which records finished attempts in
// the course's progress and imports the progress tracker.
const resultsScript = /** @type {HTMLElement | null} */ (document.querySelector('.cg-pg'))?.dataset.js
if (resultsScript) document.head.append(Object.assign(element('script', ''), { type: 'module', src: resultsScript }))
