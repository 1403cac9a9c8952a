// The quiz runtime: grades the quizzes on a page in the browser, for practice and
// self-assessment. Loaded only by pages that hold a quiz; brings the progress tracker along.
//
// Each quiz is a server-rendered form (<section class="cg-quiz">, see quiz_html.py); what grading
// needs travels obfuscated in its data-key (quiz-data.js). The learner's attempt is saved in
// localStorage under coursegen:<course>:<quiz>:<quiz version>, so a reload or another tab of the
// same browser carries on with it; a new version of the quiz starts afresh.

import { decodeQuizData } from './quiz-data.js'
import { actionButton, questionController } from './quiz-questions.js'
import { gradeAttempt } from './grading.js'
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
 * questions are known by their position in the quiz data; the keys of order, answers and shares
 * are those positions, as text. (Attempts saved before these names were words have the keys d,
 * o, a and c: fromSaved reads them too.)
 * @typedef {object} Attempt
 * @property {number[]} drawn the questions drawn for the attempt, in order
 * @property {Record<string, Order>} order each drawn question's order
 * @property {Record<string, Answer>} answers each question's answer so far
 * @property {Record<string, number>} shares each checked question's share of its points, 0 to 1
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
 * @property {import('./contract.js').XapiQuiz} [xapi] the quiz data's xAPI part, where the site has one
 */

/**
 * @typedef {object} AnswerReport
 * @property {string} id the question id
 * @property {string} type its type
 * @property {number} score the points earned
 * @property {number} max the points it gives
 * @property {number[]} answer the answer in authored positions (QuestionController.authoredPositions)
 * @property {number} [ms] the time it took, where this page saw it: from the attempt's start on the
 *   page or the check before, to its check
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

/**
 * A saved attempt (parsed JSON) with the words for keys: as saved, or as saved before the keys
 * were words ({d, o, a, c}), so that an attempt under way survives the release that renamed them.
 * @param {unknown} saved
 * @returns {unknown}
 */
const fromSaved = (saved) =>
  isPlainObject(saved) && !('drawn' in saved) && 'd' in saved
    ? { drawn: saved.d, order: saved.o, answers: saved.a, shares: saved.c }
    : saved

/**
 * Whether a saved attempt (parsed JSON) has an attempt's shape: drawn positions (each once) of
 * questions that exist, and an object for each of the rest. (The controllers check each
 * question's order and answer.)
 * @param {unknown} saved
 * @param {number} count how many questions the quiz has
 * @returns {saved is Attempt}
 */
const isAttempt = (saved, count) =>
  isPlainObject(saved) &&
  Array.isArray(saved.drawn) &&
  saved.drawn.length > 0 &&
  saved.drawn.every(
    (index, position) =>
      Number.isInteger(index) && index >= 0 && index < count && saved.drawn.indexOf(index) == position,
  ) &&
  isPlainObject(saved.order) &&
  isPlainObject(saved.answers) &&
  isPlainObject(saved.shares)

/**
 * One quiz on the page, from the moment its data is decoded until it leaves the page: its attempt,
 * what it shows, and what its buttons do. Its listeners go when `lifetime` aborts.
 */
class Quiz {
  /** @type {HTMLElement} */ #root
  /** @type {QuizElementData} */ #data
  /** @type {import('./contract.js').Question[]} */ #questions
  /** @type {number} */ #passMark
  /** @type {QuizStrings} */ #strings
  /** @type {string} */ #keyPrefix
  /** @type {string} */ #storageKey
  /** @type {HTMLElement[]} */ #questionElements
  /** @type {HTMLElement} */ #liveRegion
  /** @type {HTMLElement} */ #summary
  /** @type {Attempt} */ #attempt
  /** @type {QuestionController[]} */ #controllers
  /** @type {import('./contract.js').XapiQuiz | undefined} */ #xapi
  /** @type {Record<number, number>} */ #ms = {}
  #since = Date.now()

  /**
   * @param {HTMLElement} root the quiz's .cg-quiz element
   * @param {import('./contract.js').QuizData} data its decoded quiz data
   */
  constructor(root, { questions, xapi }) {
    this.#root = root
    this.#xapi = xapi
    this.#data = /** @type {QuizElementData} */ (root.dataset)
    this.#questions = questions
    this.#passMark = Number(this.#data.pass)
    this.#strings = /** @type {QuizStrings} */ (JSON.parse(this.#data.strings))
    // Attempts at every version of this quiz share the prefix; the key adds this version.
    this.#keyPrefix = `coursegen:${this.#data.course}:${this.#data.quiz}:`
    this.#storageKey = this.#keyPrefix + this.#data.hash
    this.#questionElements = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('.cg-q')])
    this.#liveRegion = /** @type {HTMLElement} */ (root.querySelector('.cg-live'))
    this.#summary = /** @type {HTMLElement} */ (root.querySelector('.cg-sum'))
    this.#attempt = { drawn: [], order: {}, answers: {}, shares: {} }
    this.#controllers = questions.map((question, index) =>
      questionController(question, this.#questionElements[index], this.#strings, () => this.#attempt.answers[index]),
    )
  }

  /** @param {string} message */
  #say(message) {
    announce(this.#liveRegion, message)
  }

  #save() {
    withStorage((storage) => storage.setItem(this.#storageKey, JSON.stringify(this.#attempt)))
  }

  /**
   * The verdict on a checked question: its class (correct, partial or wrong) and its words.
   * @param {number} index
   * @param {number} share of the points earned
   * @returns {[string, string]}
   */
  #verdict(index, share) {
    const ending = this.#controllers[index].ending?.(this.#attempt.answers[index])
    if (ending) {
      const kind = { success: 'correct', partial: 'partial', failure: 'wrong' }[ending.outcome]
      return [kind, ending.title + ' — ' + this.#strings[`outcome_${ending.outcome}`]]
    }
    const kind = share >= 1 ? 'correct' : share > 0 ? 'partial' : 'wrong'
    return [kind, this.#strings[kind]]
  }

  /**
   * Grades a question's answer and shows the result under it, its controls switched off.
   * @param {number} index
   */
  #showResult(index) {
    const strings = this.#strings
    const question = this.#questions[index]
    const container = this.#questionElements[index]
    const share = (this.#attempt.shares[index] = this.#controllers[index].grade(this.#attempt.answers[index]))
    const [kind, words] = this.#verdict(index, share)
    switchControls(container, false)
    const result = /** @type {HTMLElement} */ (container.querySelector('.cg-r'))
    const score = fillPlaceholders(strings.score, {
      score: formatNumber(share * question.points),
      max: formatNumber(question.points),
    })
    result.replaceChildren(
      element('p', 'cg-v cg-' + kind, words + ' — ' + score),
      ...this.#controllers[index].feedback(this.#attempt.answers[index]),
    )
    if (question.explanation) {
      result.append(element('p', 'cg-l', strings.explanation), elementWithHtml('div', 'cg-ex', question.explanation))
    }
    for (const [title, url] of question.reviews) {
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
  #showQuestion(index) {
    const container = this.#questionElements[index]
    for (const mark of container.querySelectorAll('.cg-m')) mark.remove()
    switchControls(container, true)
    const result = /** @type {HTMLElement} */ (container.querySelector('.cg-r'))
    result.replaceChildren()
    this.#controllers[index].applyOrder(this.#attempt.order[index])
    this.#controllers[index].showAnswer(this.#attempt.answers[index] || [])
    if (index in this.#attempt.shares) this.#showResult(index)
  }

  #isComplete() {
    return this.#attempt.drawn.every((index) => index in this.#attempt.shares)
  }

  /**
   * Shows the quiz's result under its questions, once every question is checked. Unless `quietly`
   * (showing a finished attempt again), also dispatches coursegen:quiz-complete and returns what
   * to announce.
   * @param {boolean} quietly
   */
  #showSummary(quietly) {
    const strings = this.#strings
    const attempt = this.#attempt
    const { score, max, passed } = gradeAttempt(this.#questions, attempt.drawn, attempt.shares, this.#passMark)
    /** @param {number} n */
    const percent = (n) => fillPlaceholders(strings.percent, { n })
    const heading = element(
      'p',
      'cg-v cg-' + (passed ? 'correct' : 'wrong'),
      strings.result + ': ' + (passed ? strings.passed : strings.failed),
    )
    heading.setAttribute('role', 'heading')
    heading.setAttribute('aria-level', this.#data.hl || '2')
    const total = fillPlaceholders(strings.total, {
      score: formatNumber(score),
      max: formatNumber(max),
      percent: percent(max ? Math.round((100 * score) / max) : 100),
    })
    const passLine = fillPlaceholders(strings.pass_mark, { mark: percent(this.#passMark) })
    this.#summary.replaceChildren(
      heading,
      element('p', '', total + ' · ' + passLine),
      actionButton(strings.retry_all, 'all'),
    )
    if (attempt.drawn.some((index) => attempt.shares[index] < 1)) {
      this.#summary.append(actionButton(strings.retry_wrong, 'wrong'))
    }
    this.#summary.hidden = false
    if (quietly) return ''
    /** @type {QuizCompleteDetail} */
    const detail = { quizId: this.#data.quiz, score, max, passed, answers: this.#answerReports(), xapi: this.#xapi }
    document.dispatchEvent(new CustomEvent('coursegen:quiz-complete', { detail }))
    return heading.textContent + '. ' + total
  }

  /** @returns {AnswerReport[]} the questions asked, as coursegen:quiz-complete reports them */
  #answerReports() {
    return this.#attempt.drawn.map((index) => {
      const question = this.#questions[index]
      return {
        id: question.id,
        type: question.type,
        score: roundToHundredths(this.#attempt.shares[index] * question.points),
        max: question.points,
        answer: this.#controllers[index].authoredPositions(this.#attempt.answers[index]),
        ms: this.#ms[index],
      }
    })
  }

  /** Shows the whole attempt: the drawn questions, numbered, and the summary if it is finished. */
  #showAttempt() {
    let number = 0
    this.#questionElements.forEach((container, index) => {
      container.hidden = !this.#attempt.drawn.includes(index)
      if (container.hidden) return
      const heading = /** @type {HTMLElement} */ (container.querySelector('.cg-n'))
      heading.textContent = fillPlaceholders(this.#strings.question, { n: ++number, total: this.#attempt.drawn.length })
      this.#showQuestion(index)
    })
    this.#summary.hidden = true
    if (this.#isComplete()) this.#showSummary(true)
  }

  /** A new attempt: questions drawn (when the quiz draws) and options shuffled. */
  #newAttempt() {
    const draw = Number(this.#data.draw)
    let drawn = this.#questions.map((_, index) => index)
    if (draw && draw < drawn.length) {
      // A random few, asked in the quiz's order.
      drawn = shuffleInPlace(drawn).slice(0, draw)
      drawn.sort((first, second) => first - second)
    }
    // reinforcement:start (tests/test_progress_budget.py weighs what this block adds)
    // The review page's controller (review.js) names the questions to ask, by position.
    const picked = parseJson(this.#root.dataset.pick)
    if (Array.isArray(picked)) drawn = picked
    // reinforcement:end
    this.#attempt = { drawn, order: {}, answers: {}, shares: {} }
    for (const index of drawn) this.#attempt.order[index] = this.#controllers[index].shuffledOrder()
  }

  /**
   * Whether a saved attempt (parsed JSON) belongs to this quiz: drawn questions that exist, and
   * for each an order and answer its controller can show.
   * @param {unknown} saved
   * @returns {saved is Attempt}
   */
  #fits(saved) {
    return (
      isAttempt(saved, this.#questions.length) &&
      saved.drawn.every((index) =>
        this.#controllers[index].fitsSaved(saved.order[index], saved.answers[index], index in saved.shares),
      )
    )
  }

  /**
   * Takes over a saved attempt (JSON text), or starts a new one when there is none or it does not
   * fit this quiz; then shows it.
   * @param {string | null | undefined} text
   */
  #restore(text) {
    const saved = fromSaved(parseJson(text))
    if (this.#fits(saved)) this.#attempt = saved
    else this.#newAttempt()
    this.#showAttempt()
  }

  /**
   * Shows the result of a question just checked, and the quiz's result when it was the last.
   * @param {number} index
   */
  #afterCheck(index) {
    this.#ms[index] = -this.#since + (this.#since = Date.now())
    const result = this.#showResult(index)
    this.#save()
    result.focus()
    const verdictText = /** @type {HTMLElement} */ (result.firstElementChild).textContent
    this.#say(this.#isComplete() ? verdictText + ' ' + this.#showSummary(false) : verdictText)
  }

  /**
   * Shows the attempt after a retry, focused on the first question to answer again.
   * @param {number[]} again
   */
  #retry(again) {
    this.#since = Date.now()
    this.#showAttempt()
    this.#save()
    const firstAgain = /** @type {HTMLElement} */ (this.#questionElements[again[0]].querySelector('.cg-n'))
    firstAgain.focus()
  }

  /** @param {number} index */
  #checkAnswer(index) {
    const answer = this.#controllers[index].readAnswer()
    if (!this.#controllers[index].isAnswered(answer)) {
      return this.#say(this.#questions[index].type == 'matching' ? this.#strings.need_all : this.#strings.need_answer)
    }
    this.#attempt.answers[index] = answer
    this.#afterCheck(index)
  }

  /**
   * A role-play's step: the choice counts when the learner presses Choose.
   * @param {number} index
   * @param {HTMLElement} container
   */
  #chooseStep(index, container) {
    const picked = /** @type {HTMLInputElement | null} */ (container.querySelector('.cg-rp input:checked'))
    if (!picked) return this.#say(this.#strings.need_answer)
    const controller = this.#controllers[index]
    // The path so far, and this choice.
    const path = (this.#attempt.answers[index] = [...controller.readAnswer(), Number(picked.value)])
    controller.showAnswer(path)
    if (controller.ending?.(path)) return this.#afterCheck(index)
    this.#save()
    // Focus goes to what the customer says next.
    const customerLine = /** @type {HTMLElement} */ (container.querySelector('.cg-say[tabindex]'))
    customerLine.focus()
  }

  /**
   * An ordering question's move up (data-mv -1) or move down (1) button.
   * @param {number} index
   * @param {HTMLElement} button
   */
  #moveStep(index, button) {
    const step = /** @type {HTMLLIElement} */ (button.closest('li'))
    const up = Number(button.dataset.mv) < 0
    const neighbour = up ? step.previousElementSibling : step.nextElementSibling
    // Move the neighbour, not the step, so that the pressed button keeps the focus.
    if (neighbour && up) step.after(neighbour)
    else if (neighbour) step.before(neighbour)
    const steps = [.../** @type {HTMLElement} */ (step.parentElement).children]
    this.#say(fillPlaceholders(this.#strings.moved, { n: steps.indexOf(step) + 1, total: steps.length }))
    this.#attempt.answers[index] = this.#controllers[index].readAnswer()
    this.#save()
  }

  #retryAll() {
    this.#newAttempt()
    this.#retry(this.#attempt.drawn)
  }

  // The missed questions only, shuffled again; the others keep their result.
  #retryMissed() {
    const attempt = this.#attempt
    const again = attempt.drawn.filter((index) => attempt.shares[index] < 1)
    for (const index of again) {
      delete attempt.answers[index]
      delete attempt.shares[index]
      attempt.order[index] = this.#controllers[index].shuffledOrder()
    }
    this.#retry(again)
  }

  /**
   * A click on one of the runtime's buttons, which name their action in data-act (or data-mv).
   * @param {MouseEvent} event
   */
  #onClick(event) {
    const button = /** @type {HTMLElement} */ (event.target).closest('button')
    if (!button) return
    // The question the button is in: its position and its element. (The retry buttons under the
    // quiz are in none, and use neither.)
    const container = /** @type {HTMLElement} */ (button.closest('.cg-q'))
    const index = container ? Number(container.dataset.i) : -1
    if (button.dataset.mv) return this.#moveStep(index, button)
    const action = button.dataset.act
    if (action == 'check') this.#checkAnswer(index)
    else if (action == 'choose') this.#chooseStep(index, container)
    else if (action == 'all') this.#retryAll()
    else if (action == 'wrong') this.#retryMissed()
  }

  /**
   * A choice made, or a list's match chosen, is saved at once, before it is checked.
   * @param {Event} event
   */
  #onChange(event) {
    const control = /** @type {HTMLElement} */ (event.target)
    const container = /** @type {HTMLElement | null} */ (control.closest('.cg-q'))
    if (!container || !control.matches(OWN_CONTROLS) || control.closest('.cg-rp')) return
    const index = Number(container.dataset.i)
    this.#attempt.answers[index] = this.#controllers[index].readAnswer()
    this.#save()
  }

  /**
   * The quiz open in several tabs is one attempt: each takes over what another saves (or deletes)
   * the moment it is saved, so the next answer here is saved on top of it, not over it.
   * @param {StorageEvent} event
   */
  #onStorage(event) {
    // A null key: the whole storage was cleared.
    if (event.key == this.#storageKey || event.key === null) this.#restore(event.newValue)
  }

  /**
   * Shows the saved attempt (or a new one) and listens to the quiz's buttons and to the other
   * tabs, until `lifetime` aborts.
   * @param {AbortSignal} lifetime
   */
  start(lifetime) {
    this.#restore(withStorage((storage) => storage.getItem(this.#storageKey)))
    // Attempts at older versions of this quiz are dropped, never restored.
    withStorage((storage) => {
      for (let position = storage.length - 1; position >= 0; position--) {
        const key = /** @type {string} */ (storage.key(position))
        if (key.startsWith(this.#keyPrefix) && key != this.#storageKey) storage.removeItem(key)
      }
    })
    const options = { signal: lifetime }
    this.#root.addEventListener('click', (event) => this.#onClick(event), options)
    this.#root.addEventListener('change', (event) => this.#onChange(event), options)
    addEventListener('storage', (event) => this.#onStorage(event), options)
  }
}

/**
 * The lifetime of a quiz, tied to its element: quiz.js puts one of these (an empty, hidden
 * <cg-quiz-life>) into each quiz. The browser calls connectedCallback when it enters the document
 * and disconnectedCallback when it, or the quiz around it, leaves: Material's instant navigation
 * swaps the page's content, and the old quiz's listeners go with it rather than pile up. The
 * quiz's <section> stays as it is, for Material's search (see quiz_html.render_quiz).
 */
class QuizLifetime extends HTMLElement {
  /** @type {AbortController | undefined} */
  #lifetime
  /** Settles once the quiz is bound (true) or found broken (false). @type {Promise<boolean>} */
  ready = Promise.resolve(false)

  connectedCallback() {
    this.hidden = true
    const root = /** @type {HTMLElement} */ (this.parentElement)
    const lifetime = (this.#lifetime = new AbortController())
    const data = /** @type {QuizElementData} */ (root.dataset)
    this.ready = decodeQuizData(data.key, data.quiz + ':' + data.hash).then(
      (quizData) => {
        // Gone from the page while its data was decoding: nothing to start.
        if (lifetime.signal.aborted) return false
        new Quiz(root, quizData).start(lifetime.signal)
        return true
      },
      (error) => {
        reportBroken(root, error)
        return false
      },
    )
  }

  disconnectedCallback() {
    this.#lifetime?.abort()
  }
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
    (root) => !root.querySelector(':scope > cg-quiz-life'),
  )
  const lifetimes = roots.map((root) =>
    root.appendChild(/** @type {QuizLifetime} */ (document.createElement('cg-quiz-life'))),
  )
  const bound = await Promise.all(lifetimes.map((lifetime) => lifetime.ready))
  if (bound.includes(true)) performance.mark('coursegen:quiz-ready')
}

if (!customElements.get('cg-quiz-life')) customElements.define('cg-quiz-life', QuizLifetime)
bindQuizzesOnPage()
// Material's instant navigation swaps the page without loading this module again.
window.document$?.subscribe(bindQuizzesOnPage)

// A quiz page holds this one script: it brings results.js, which records finished attempts in
// the course's progress and imports the progress tracker.
const resultsScript = /** @type {HTMLElement | null} */ (document.querySelector('.cg-pg'))?.dataset.js
if (resultsScript) document.head.append(Object.assign(element('script', ''), { type: 'module', src: resultsScript }))
