// Reporting's xAPI back end: statements (xAPI 1.0.3, ADL verbs) to a learning record store.
//
// Where they go comes from mkdocs.yml (an endpoint) or, where the site accepts them, from the
// launch parameters an LMS or portal adds to the course's address (endpoint, auth, actor,
// registration: the Tin Can launch convention); those hold for the rest of the visit, in
// sessionStorage, and leave the address bar at once. Without an endpoint nothing is sent.
//
// Nothing is lost: each statement gets its id here, waits in a queue in localStorage until the
// LRS has it, and is sent again after a failure, with growing pauses, and after a reload. The LRS
// keeps one statement per id: a statement sent twice (a 409 for a known id counts as delivered)
// is stored once.
//
// Every activity id hangs under the course IRI (ReportingData.x.i, model/activity_ids.py), never
// under the address the site is served from: the same course served from two places keeps one set
// of ids. An `answered` statement carries what the quiz data's `x` gives (pages/quiz_xapi.py): the
// question's interaction definition, the quiz's content hash and the course version, and adds the
// attempt number and the learner's total on that attempt (schema/xapi-answered.schema.json).

import { FINISHED, recordKey } from './record.js'
import { isPlainObject, parseJson, withStorage } from './shared.js'

/** @typedef {import('./contract.js').ReportingData} ReportingData */
/** @typedef {import('./contract.js').PageData} PageData */
/** @typedef {import('./quiz.js').QuizCompleteDetail} QuizCompleteDetail */
/** @typedef {import('./quiz.js').AnswerReport} AnswerReport */
/** @typedef {import('./contract.js').XapiQuiz} XapiQuiz */
/** @typedef {import('./contract.js').XapiQuestion} XapiQuestion */
/** @typedef {import('./report.js').Reporter} Reporter */
/** @typedef {import('./report.js').Standing} Standing */

/**
 * Where statements go, and as whom.
 * @typedef {object} Destination
 * @property {string} endpoint the LRS's xAPI address, ending in /
 * @property {string} [auth] the Authorization header's value
 * @property {Record<string, any>} actor
 * @property {string} [registration]
 */

const LAUNCH_KEY = 'coursegen-xapi-launch'
const LAUNCH_PARAMETERS = ['endpoint', 'auth', 'actor', 'registration', 'activity_id']
// The names of the extensions a coursegen statement carries (model/interactions.py).
const EXTENSION = 'https://w3id.org/coursegen/xapi/'
// Pauses between tries after a failure, in ms: doubling up to half a minute.
const FIRST_PAUSE = 1000
const LONGEST_PAUSE = 30000

/** A random UUID (version 4). crypto.randomUUID needs a secure context; an intranet may be plain http. */
export const uuid = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The launch parameters of this visit: from the address (then removed from it), else those an
 * earlier page of the visit kept.
 * @returns {Record<string, string>}
 */
const launchParameters = () => {
  const url = new URL(location.href)
  if (url.searchParams.has('endpoint')) {
    const found = Object.fromEntries(
      LAUNCH_PARAMETERS.filter((name) => url.searchParams.has(name)).map((name) => [
        name,
        /** @type {string} */ (url.searchParams.get(name)),
      ]),
    )
    for (const name of LAUNCH_PARAMETERS) url.searchParams.delete(name)
    // The credential must not stay in the address bar, the history or a copied link.
    history.replaceState(history.state, '', url.href)
    try {
      sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(found))
    } catch {
      // storage switched off: the parameters hold for this page only
    }
    return found
  }
  try {
    const kept = parseJson(sessionStorage.getItem(LAUNCH_KEY))
    return isPlainObject(kept) ? kept : {}
  } catch {
    return {}
  }
}

/**
 * A learner without an actor from the launch: an account of this site, kept in this browser.
 * @param {string} siteRoot
 */
const anonymousActor = (siteRoot) => {
  const key = 'coursegen-xapi-learner'
  let name = withStorage((storage) => storage.getItem(key))
  if (!name) {
    name = uuid()
    withStorage((storage) => storage.setItem(key, /** @type {string} */ (name)))
  }
  return { objectType: 'Agent', account: { homePage: siteRoot, name } }
}

/**
 * Where this visit's statements go; undefined when nowhere.
 * @param {ReportingData} settings
 * @param {string} siteRoot
 * @returns {Destination | undefined}
 */
const destination = (settings, siteRoot) => {
  const xapi = settings.x
  if (!xapi) return undefined
  const launch = xapi.p ? launchParameters() : {}
  const endpoint = launch.endpoint || xapi.e
  if (!endpoint) return undefined
  const actor = parseJson(launch.actor)
  return {
    endpoint: endpoint.endsWith('/') ? endpoint : endpoint + '/',
    auth: launch.auth || undefined,
    actor: isPlainObject(actor) ? actor : anonymousActor(siteRoot),
    registration: launch.registration || undefined,
  }
}

/**
 * A role-play's answer (the position chosen at each step) as the choices it made, `<step>.<k>`,
 * and the ending it reached, followed through the question's map in the quiz data.
 * @param {XapiQuestion} question
 * @param {number[]} positions
 */
export const rolePlayPath = (question, positions) => {
  const choices = question.definition.choices || []
  let at = question.start || ''
  const path = positions.map((position) => {
    const id = `${at}.${position}`
    at = (question.leads_to || [])[choices.findIndex((choice) => choice.id == id)]
    return id
  })
  return { path, ending: at }
}

/**
 * An answer as xAPI's response patterns write it, by authored position: choices and steps
 * joined by [,], a matching question's pairs as pair[.]choice, a role-play's choices as step.k.
 * @param {AnswerReport} answer
 * @param {XapiQuestion} [question]
 */
export const xapiResponse = ({ type, answer }, question) =>
  type == 'matching'
    ? answer.flatMap((choice, pair) => (choice >= 0 ? [`${pair}[.]${choice}`] : [])).join('[,]')
    : type == 'roleplay' && question
      ? rolePlayPath(question, answer).path.join('[,]')
      : (type == 'multiple' ? [...answer].sort((a, b) => a - b) : answer).join('[,]')

/**
 * The number of this attempt at a quiz (1 for the first) on this version of it, counted in the
 * learner's browser beside the progress record: the first attempt is what item analysis reads
 * by default.
 * @param {string} key the counters' storage key
 * @param {string} quizId
 * @param {string} hash the quiz's content hash: a changed quiz starts again at 1
 */
const nextAttempt = (key, quizId, hash) => {
  const counters = parseJson(withStorage((storage) => storage.getItem(key)))
  const all = isPlainObject(counters) ? counters : {}
  const [seen, count] = Array.isArray(all[quizId]) ? all[quizId] : []
  const attempt = seen == hash && Number.isInteger(count) ? count + 1 : 1
  all[quizId] = [hash, attempt]
  withStorage((storage) => storage.setItem(key, JSON.stringify(all)))
  return attempt
}

/**
 * @param {number} raw
 * @param {number} max
 */
const score = (raw, max) => ({ scaled: max ? Math.round((raw / max) * 10000) / 10000 : 1, raw, min: 0, max })

/**
 * Makes the statements of one course for one LRS destination: their activities, and the
 * statements themselves.
 * @param {ReportingData} settings
 * @param {Destination} to
 */
const statementMaker = (settings, to) => {
  const language = document.documentElement.lang || 'en'
  const iri = settings.x?.i || ''
  /**
   * @param {string} kind
   * @param {string} id
   * @param {string} type an ADL activity type
   * @param {Record<string, string>} [name] the activity's name by language; the title by default
   */
  const activity = (kind, id, type, name) => ({
    objectType: 'Activity',
    id: kind ? `${iri}/${kind}/${encodeURIComponent(id)}` : iri,
    definition: {
      type: `http://adlnet.gov/expapi/activities/${type}`,
      name: name || { [language]: settings.n[id] || id },
    },
  })
  const course = activity('', '', 'course', { [language]: settings.t })

  /**
   * @param {string} verb an ADL verb
   * @param {object} object
   * @param {object} result
   * @param {object[] | null} parents the activities it is part of; null for the course itself
   * @param {Record<string, any>} [extensions] the context's
   */
  const statement = (verb, object, result, parents, extensions) => {
    const context = {
      ...(to.registration ? { registration: to.registration } : {}),
      ...(parents ? { contextActivities: { parent: parents, grouping: [course] } } : {}),
      ...(extensions ? { extensions } : {}),
    }
    return {
      id: uuid(),
      actor: to.actor,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
      object,
      result,
      ...(Object.keys(context).length ? { context } : {}),
      timestamp: new Date().toISOString(),
    }
  }
  return { activity, course, statement }
}

// A context extension (issue 26) that says what a quiz was, so that item analysis can tell a
// review, a pre-test or a recertification from a first attempt: 'review', 'pretest' or
// 'recertification'. Statements about anything else carry none.
export const ACTIVITY_KIND = EXTENSION + 'activity-kind'

/**
 * What a quiz finished on this page was, after or around the course; '' for an ordinary quiz.
 * @param {ReportingData} settings
 * @param {PageData} page
 * @param {string} quizId
 */
const activityKind = (settings, page, quizId) => {
  if (document.querySelector('.cg-rvw')) return 'review'
  if (document.querySelector('.cg-to')) return 'pretest'
  // The final assessment after a certificate expired (dashboard.js keeps its date in `x`).
  const record = parseJson(withStorage((storage) => storage.getItem(recordKey(page.c))))
  return quizId == settings.f && isPlainObject(record) && typeof record.x == 'string' ? 'recertification' : ''
}

/**
 * The queue of statements waiting for the LRS, kept in localStorage under `queueKey` so that
 * none is lost to a closed page or a network down; `send` queues statements and sends the queue.
 * @param {string} queueKey
 * @param {Destination} to
 */
const statementQueue = (queueKey, to) => {
  /** @returns {any[]} */
  const readQueue = () => {
    const queue = parseJson(withStorage((storage) => storage.getItem(queueKey)))
    return Array.isArray(queue) ? queue : []
  }
  /** @param {(queue: any[]) => any[]} change */
  const changeQueue = (change) =>
    withStorage((storage) => storage.setItem(queueKey, JSON.stringify(change(readQueue()))))

  let sending = false
  let pause = FIRST_PAUSE
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retry

  // The ids this page has seen delivered or refused: a queue that storage will not let shrink
  // (full, or switched off meanwhile) is then not sent over and over.
  const done = new Set()

  /**
   * Sends the queued statements for this LRS, oldest first, until the queue is empty or one
   * fails. Statements queued meanwhile (by this page or another tab) are sent in the same run.
   */
  const flush = async () => {
    if (sending) return
    sending = true
    clearTimeout(retry)
    try {
      for (;;) {
        const entry = readQueue().find((queued) => queued.e == to.endpoint && !done.has(queued.s.id))
        if (!entry) return
        const status = await put(to, entry.s)
        const delivered = (status >= 200 && status < 300) || status == 409
        // A statement the LRS refuses as it is will never be taken: it leaves the queue, said once.
        const refused = status == 400 || status == 413
        if (refused) console.error('coursegen xapi: the LRS refused a statement', status, entry.s)
        if (!delivered && !refused) {
          retry = setTimeout(flush, pause)
          pause = Math.min(pause * 2, LONGEST_PAUSE)
          return
        }
        pause = FIRST_PAUSE
        done.add(entry.s.id)
        changeQueue((queue) => queue.filter((queued) => queued.s.id != entry.s.id))
      }
    } finally {
      sending = false
    }
  }

  /** @param {object[]} statements */
  const send = (statements) => {
    changeQueue((queue) => [...queue, ...statements.map((statement) => ({ e: to.endpoint, s: statement }))])
    flush()
  }
  return { flush, send }
}

/**
 * PUTs one statement to the LRS; the HTTP status, or 0 when the LRS cannot be reached.
 * @param {Destination} to
 * @param {{ id: string }} statement
 */
const put = async (to, statement) => {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' }
  if (to.auth) headers.Authorization = to.auth
  try {
    const url = `${to.endpoint}statements?statementId=${encodeURIComponent(statement.id)}`
    return (await fetch(url, { method: 'PUT', headers, body: JSON.stringify(statement) })).status
  } catch {
    return 0
  }
}

/**
 * The xAPI back end, or undefined when the site sends nowhere.
 * @param {ReportingData} settings
 * @param {PageData} page
 * @returns {Reporter | undefined}
 */
export const xapiReporter = (settings, page) => {
  // report.js is served from <site>/assets/coursegen/: the site's address is two folders up.
  const siteRoot = new URL('../../', import.meta.url).href
  const to = destination(settings, siteRoot)
  if (!to) return undefined
  const { activity, course, statement } = statementMaker(settings, to)
  const { flush, send } = statementQueue(`coursegen-xapi:${page.c}`, to)
  addEventListener('online', flush)
  flush()

  return {
    progress: (now, before) => {
      const lessons = settings.l.filter((id) => now.record.l[id] >= FINISHED && !(before.record.l[id] >= FINISHED))
      /** @type {object[]} */
      const statements = lessons.map((id) =>
        statement('experienced', activity('lesson', id, 'lesson'), { completion: true }, [course]),
      )
      if (now.complete && !before.complete) {
        const final = now.final
        const result = final
          ? { completion: true, success: true, score: score(final.s, final.m) }
          : { completion: true }
        statements.push(statement('completed', course, result, null))
      }
      if (statements.length) send(statements)
    },
    quizComplete: (detail) => {
      const x = detail.xapi
      const quiz = { ...activity('quiz', detail.quizId, 'assessment', x?.title), ...(x ? { id: x.id } : {}) }
      const kind = activityKind(settings, page, detail.quizId)
      // The activity kind says what the quiz was after the course; `pretest` is what item
      // analysis compares before and after instruction by (model/interactions.py).
      const extensions = x && {
        [EXTENSION + 'quiz-hash']: x.hash,
        [EXTENSION + 'course-version']: x.version,
        [EXTENSION + 'attempt']: nextAttempt(`coursegen-xapi-attempts:${page.c}`, detail.quizId, x.hash),
        [EXTENSION + 'attempt-total']: { raw: detail.score, max: detail.max },
        ...(kind ? { [ACTIVITY_KIND]: kind } : {}),
        ...(kind == 'pretest' ? { [EXTENSION + 'pretest']: true } : {}),
      }
      // Without the quiz data's xAPI part (a page built before it) answers cannot be named.
      const statements = detail.answers.flatMap((answer) => {
        const question = x?.questions[answer.id]
        if (!question) return []
        const ending = answer.type == 'roleplay' ? rolePlayPath(question, answer.answer) : undefined
        return [
          statement(
            'answered',
            { objectType: 'Activity', id: question.id, definition: question.definition },
            {
              response: xapiResponse(answer, question),
              success: answer.score >= answer.max,
              score: score(answer.score, answer.max),
              ...(answer.ms ? { duration: `PT${Math.round(answer.ms / 100) / 10}S` } : {}),
              ...(ending
                ? { extensions: { [EXTENSION + 'path']: ending.path, [EXTENSION + 'ending']: ending.ending } }
                : {}),
            },
            [quiz],
            extensions,
          ),
        ]
      })
      statements.push(
        statement(
          detail.passed ? 'passed' : 'failed',
          quiz,
          { success: detail.passed, completion: true, score: score(detail.score, detail.max) },
          [course],
          kind ? { [ACTIVITY_KIND]: kind } : undefined,
        ),
      )
      send(statements)
    },
  }
}
