// The contract between the Python side and the browser runtime: every structure Python writes
// into a page for these scripts to read, as JSDoc types. Types only: nothing here runs, and no
// served script contains it (esbuild drops comments when it builds generator/assets/).
//
// The quiz data's keys are words: it travels deflated (quiz-data.js), which makes long keys
// nearly free. The page data, dashboard and reporting structures keep their short keys for now
// (their Python side is outside the runtime's files). Python writes them in
// generator/pages/quiz_html.py with the types of generator/pages/quiz_contract.py (the quiz data
// and the quiz element), generator/pages/progress.py (the page data, the lesson control, the
// dashboard structure) and generator/pages/strings.py (the UI strings).
//
// tests/test_runtime_contract.py reads this file's `@property {type} name` lines and checks that
// what Python writes for the fixture course and the bundled course has exactly these keys, with
// values of these types, all the way down. A key Python adds, drops or renames fails it until
// this file follows. The types it understands: string, number, boolean, null, string and number
// literals ('single', 1), unions (A | B), arrays (T[]), tuples ([A, B]), Object<string, T>, and
// the names of the typedefs below. [name] marks a property that may be absent.
//
// The scripts use these types through `@type` and `@param` comments, e.g.
// `@param {import('./contract.js').QuizData} data`.

// ------------------------------------------------------------------------------- a quiz
// <section class="cg-quiz" data-…> (quiz_html.render_quiz), one per quiz, holds its questions as
// a form. The attributes below are what quiz.js reads from it; `key` holds the quiz data.

/**
 * The quiz element's data attributes, as `element.dataset` reads them: all text.
 * @typedef {object} QuizElementData
 * @property {string} quiz the quiz id
 * @property {string} course the course id
 * @property {string} hash the quiz's version: the first 12 hex digits of its content hash
 * @property {string} pass the pass mark, a whole percentage
 * @property {string} draw how many questions each attempt draws from the quiz; '' for all of them
 * @property {string} [hl] the level of the quiz's question headings, when it is not 2 (3 for a quiz on
 *   a lesson's page)
 * @property {string} strings JSON of {@link QuizStrings}
 * @property {string} key the {@link QuizData}, as JSON compressed, obfuscated and base64-encoded
 *   (see quiz-data.js)
 * @property {string} searchExclude '' (data-search-exclude): for Material's search, which leaves the
 *   questions out; the runtime does not read it
 */

/**
 * What a quiz's `key` attribute decodes to: what grading needs and the page must not show.
 * @typedef {object} QuizData
 * @property {Question[]} questions the questions, in the order of the quiz's .cg-q elements (their data-i)
 * @property {XapiQuiz} [xapi] on a site that reports to an LRS: what report-xapi.js needs (pages/quiz_xapi.py)
 */

/**
 * A quiz's activity for xAPI statements (pages/quiz_xapi.py): ids under the course IRI, never
 * under the address the site is served from.
 * @typedef {object} XapiQuiz
 * @property {string} id the quiz's activity id
 * @property {Object<string, string>} title its name (the quiz title), by language
 * @property {string} hash the quiz's content hash (12 hex)
 * @property {string} version the course version
 * @property {Object<string, XapiQuestion>} questions each question's activity, by question id
 */

/**
 * @typedef {object} XapiQuestion
 * @property {string} id the question's activity id
 * @property {XapiInteraction} definition its interaction definition (model/interactions.py)
 * @property {string} [start] a role-play's start step
 * @property {string[]} [leads_to] a role-play: the step or ending each of its choices leads to, in their order
 */

/**
 * An xAPI interaction activity's definition, in the course's language.
 * @typedef {object} XapiInteraction
 * @property {string} type the ADL activity type (cmi.interaction)
 * @property {Object<string, string>} name the question's prompt
 * @property {string} interactionType choice, sequencing, matching or other (a role-play)
 * @property {string[]} correctResponsesPattern the right answer, as xAPI's response patterns write it
 * @property {XapiComponent[]} [choices] options, items, or a role-play's choices (`<step>.<k>`)
 * @property {XapiComponent[]} [source] a matching question's left-hand sides
 * @property {XapiComponent[]} [target] a matching question's right-hand sides, then its distractors
 * @property {XapiComponent[]} [steps] a role-play's steps
 */

/**
 * @typedef {object} XapiComponent
 * @property {string} id
 * @property {Object<string, string>} description
 */

/**
 * A question of any type; `type` tells which.
 * @typedef {SingleChoiceQuestion | MultipleChoiceQuestion | OrderingQuestion | MatchingQuestion | RolePlayQuestion} Question
 */

/**
 * A single or multiple choice question.
 * @typedef {SingleChoiceQuestion | MultipleChoiceQuestion} ChoiceQuestion
 */

/**
 * A lesson to review after a question: [title, URL relative to the page].
 * @typedef {[string, string]} Review
 */

/**
 * One right answer, chosen with radio buttons.
 * @typedef {object} SingleChoiceQuestion
 * @property {string} id the question id
 * @property {'single'} type the question type
 * @property {string | null} explanation HTML; null for none
 * @property {Review[]} reviews lessons that teach what the question asks
 * @property {number} points the points for a right answer
 * @property {boolean} shuffle whether each attempt shuffles the options
 * @property {ChoiceOption[]} options the options, in the order the trainer wrote them
 */

/**
 * Any number of right answers, chosen with checkboxes.
 * @typedef {object} MultipleChoiceQuestion
 * @property {string} id the question id
 * @property {'multiple'} type the question type
 * @property {string | null} explanation HTML; null for none
 * @property {Review[]} reviews lessons that teach what the question asks
 * @property {number} points the points for a fully right answer
 * @property {boolean} shuffle whether each attempt shuffles the options
 * @property {boolean} partialCredit a share of the points for each right choice, less each wrong one
 * @property {ChoiceOption[]} options the options, in the order the trainer wrote them
 */

/**
 * An option of a single or multiple choice question.
 * @typedef {object} ChoiceOption
 * @property {string} token the value of its input (a hash, so it tells nothing)
 * @property {0 | 1} correct 1 for a right answer
 * @property {string} feedback the feedback for choosing it, HTML
 * @property {0 | 1} pinned 1 keeps it in its place when the options are shuffled
 */

/**
 * Steps to put in the right order, with move up and move down buttons.
 * @typedef {object} OrderingQuestion
 * @property {string} id the question id
 * @property {'ordering'} type the question type
 * @property {string | null} explanation HTML; null for none
 * @property {Review[]} reviews lessons that teach what the question asks
 * @property {number} points the points for the right order
 * @property {boolean} partialCredit a share of the points for each step in its place
 * @property {OrderingStep[]} steps the steps, in the right order
 */

/**
 * A step of an ordering question.
 * @typedef {object} OrderingStep
 * @property {string} token the data-v of its list item
 * @property {string | null} feedback why the step belongs where it does, HTML; null for nothing
 */

/**
 * Items to pair with their matches, with drop-down lists.
 * @typedef {object} MatchingQuestion
 * @property {string} id the question id
 * @property {'matching'} type the question type
 * @property {string | null} explanation HTML; null for none
 * @property {Review[]} reviews lessons that teach what the question asks
 * @property {number} points the points for all pairs right
 * @property {boolean} partialCredit a share of the points for each right pair
 * @property {MatchingPair[]} pairs the pairs, in the order of the question's drop-down lists
 * @property {string[]} choices the tokens of every choice in the lists: the pairs' right-hand items in
 *   order, then the distractors
 */

/**
 * A pair of a matching question.
 * @typedef {object} MatchingPair
 * @property {string} token the token of the pair's drop-down list (its data-v)
 * @property {string} match the token of the right choice in it
 * @property {string | null} feedback why the two belong together, HTML; null for nothing
 */

/**
 * A branching conversation: the runtime shows one step at a time, built from this data.
 * @typedef {object} RolePlayQuestion
 * @property {string} id the question id
 * @property {'roleplay'} type the question type
 * @property {string | null} explanation HTML; null for none
 * @property {Review[]} reviews lessons that teach what the question asks
 * @property {number} points the most a conversation can earn: the best path's points, or with ending
 *   scoring the best ending's score
 * @property {'path' | 'ending'} scoring the points of the choices made, or the ending reached
 * @property {boolean} shuffle whether each step shuffles its choices
 * @property {string} start the id of the first step
 * @property {Object<string, RolePlayStep>} steps the steps, by id
 * @property {Object<string, RolePlayEnding>} endings the endings, by id
 */

/**
 * @typedef {object} RolePlayStep
 * @property {string} customer what the customer says or does, HTML
 * @property {RolePlayChoice[]} choices what the learner can do next
 */

/**
 * @typedef {object} RolePlayChoice
 * @property {string} text what the learner says or does, HTML (phrasing content, for a label)
 * @property {number} points the points it earns
 * @property {string} feedback why it helps or hurts, HTML
 * @property {string} next the id of the next step, or of an ending
 */

/**
 * @typedef {object} RolePlayEnding
 * @property {string} title plain text
 * @property {'success' | 'partial' | 'failure'} outcome how well the conversation went
 * @property {string} text what happens next, HTML
 * @property {number | null} score with ending scoring, what reaching it scores (0 to 100); else null
 */

/**
 * The quiz's words (strings.QUIZ, with the site's overrides), in the quiz element's data-strings.
 * Placeholders in braces are filled by the runtime (see fillPlaceholders in shared.js).
 * @typedef {object} QuizStrings
 * @property {string} question 'Question {n} of {total}'
 * @property {string} multi_hint
 * @property {string} check
 * @property {string} move_up
 * @property {string} move_down
 * @property {string} moved 'Position {n} of {total}'
 * @property {string} select
 * @property {string} need_answer
 * @property {string} need_all
 * @property {string} correct
 * @property {string} partial
 * @property {string} wrong
 * @property {string} score 'Score: {score} of {max}'
 * @property {string} your_answer
 * @property {string} right_answer
 * @property {string} missed
 * @property {string} right_place
 * @property {string} belongs 'Belongs at position {n}'
 * @property {string} right_order
 * @property {string} right_match 'Right match: {m}'
 * @property {string} explanation
 * @property {string} review 'Review: {lesson}'
 * @property {string} customer
 * @property {string} you
 * @property {string} respond
 * @property {string} choose
 * @property {string} points 'Points: {n}'
 * @property {string} outcome_success
 * @property {string} outcome_partial
 * @property {string} outcome_failure
 * @property {string} debrief
 * @property {string} result
 * @property {string} total 'Score: {score} of {max} ({percent})'
 * @property {string} percent '{n}%'
 * @property {string} pass_mark 'Pass mark: {mark}'
 * @property {string} passed
 * @property {string} failed
 * @property {string} retry_all
 * @property {string} retry_wrong
 * @property {string} broken shown above the questions when the quiz data does not decode
 * @property {string} scored_path a role-play's debrief, path scoring: '… {n} of {max}.'
 * @property {string} scored_ending a role-play's debrief, ending scoring: '… {n} of {max}.'
 */

// ------------------------------------------------------------------------ every page
// progress.Tracker writes these into every course page.

/**
 * The data attributes of the page's hidden <div class="cg-pg"> (Tracker.page_data): the facts
 * the progress scripts need, as `element.dataset` reads them.
 * @typedef {object} PageData
 * @property {string} c the course id
 * @property {string} v the course version
 * @property {string} id the id of the page's lesson or quiz; '' for the home and certificate pages
 * @property {string} done the word the navigation's ✓ marks are read out as
 * @property {string} [js] on a page with a quiz: the URL of results.js, which quiz.js loads
 */

/**
 * The data attributes of the "Mark as done" control at the end of a lesson
 * (<div class="cg-lc">, Tracker.lesson_control), which holds the button and a status line.
 * @typedef {object} LessonControlData
 * @property {string} mark the button's text while the lesson is not done
 * @property {string} undo the button's text once it is done
 * @property {string} msg what the status line says when the lesson becomes done
 * @property {string} msg0 what it says when the lesson is marked as not done
 */

// ------------------------------------------------------- the home and certificate pages

/**
 * The data attributes of the dashboard (<div class="cg-dash">, on the course home) and of the
 * certificate (<div class="cg-certpage">): both carry the course's structure and their words.
 * @typedef {object} DashboardElementData
 * @property {string} course JSON of {@link DashboardData}
 * @property {string} s JSON of {@link DashboardStrings}
 */

/**
 * The course's structure (progress.dashboard_data), with URLs relative to the page.
 * @typedef {object} DashboardData
 * @property {DashboardModule[]} m the modules, in order
 * @property {DashboardFinal | null} f the final assessment; null for a course without one
 * @property {Object<string, string>} h every quiz's current version (content hash), by quiz id
 * @property {boolean} rq whether completing the course needs every module's and lesson's quiz passed too
 * @property {string | null} cert the certificate page's URL; null for a course without a final assessment
 * @property {DashboardReviews} [rv] spaced reviews, in a course that has them
 * @property {number} [cv] how many days a certificate stays valid, in a course whose certificates expire
 */

/**
 * @typedef {object} DashboardModule
 * @property {string} id the module id
 * @property {string} t its title
 * @property {DashboardItem[]} i its lessons and quizzes, in order
 */

/**
 * @typedef {object} DashboardItem
 * @property {string} id the lesson or quiz id
 * @property {'l' | 'q'} k l for a lesson, q for a quiz
 * @property {string} t its title
 * @property {string} u its URL
 */

/**
 * @typedef {object} DashboardFinal
 * @property {string} id the final assessment's quiz id
 * @property {string} t its title
 * @property {string} u its URL
 */

/**
 * The words dashboard.js shows (strings.SCRIPT_KEYS of strings.PROGRESS, with the site's
 * overrides), in the dashboard's and the certificate's data-s.
 * @typedef {object} DashboardStrings
 * @property {string} st_new
 * @property {string} st_started
 * @property {string} st_done
 * @property {string} best 'Best score: {s} of {m} ({p} %)'
 * @property {string} result_passed
 * @property {string} result_failed
 * @property {string} overall '{n} of {total} done ({p} %)'
 * @property {string} start 'Start the course: {t}'
 * @property {string} continue 'Continue where you left off: {t}'
 * @property {string} complete
 * @property {string} get_certificate
 * @property {string} exported 'Your progress was saved as {file}.'
 * @property {string} imported
 * @property {string} reset_q
 * @property {string} reset_done
 * @property {string} bad_file
 * @property {string} other_course '… ({c}) …'
 * @property {string} newer '… ({v}) … ({site}) …'
 * @property {string} no_storage
 * @property {string} name_missing
 * @property {string} recert_due
 * @property {string} recert_expired
 */

// ------------------------------------------------------------- where reporting is on
// A site with xAPI settings, or the SCORM package, adds to every page a hidden
// <div class="cg-rep" data-r="…"> (progress.Tracker.reporting_element) and report.js.

/**
 * The reporting element's data attributes.
 * @typedef {object} ReportingElementData
 * @property {string} r JSON of {@link ReportingData}
 */

/**
 * What report.js needs of the course (pages/reporting.py, reporting_data).
 * @typedef {object} ReportingData
 * @property {string} t the course title
 * @property {string | null} f the final assessment's quiz id; null for a course without one
 * @property {boolean} rq whether completing the course needs every quiz passed too
 * @property {string[]} l every lesson id, in order
 * @property {string[]} q every quiz id, in order, the final assessment last
 * @property {Object<string, string>} n the title of every lesson and quiz, by id
 * @property {boolean} s whether the page is part of the SCORM 1.2 package
 * @property {XapiSettings | null} x the site's xAPI settings; null for none
 */

/**
 * mkdocs.yml's `xapi` settings of the coursegen plugin.
 * @typedef {object} XapiSettings
 * @property {string | null} e the fixed LRS endpoint; null for none
 * @property {boolean} p whether the launch parameters in the address (endpoint, auth, actor, registration) count
 * @property {string} i the course IRI every activity id hangs under (model/activity_ids.py)
 */

export {}

/**
 * Spaced reviews on the dashboard (dashboard_pages.dashboard_reviews): the schedule's settings, the
 * review page's URL relative to the page, and the words to show.
 * @typedef {object} DashboardReviews
 * @property {number[]} iv the gaps between reviews, in days
 * @property {number} n the most questions in one review
 * @property {ReviewModule[]} m the modules with something to review
 * @property {string} u the review page's URL
 * @property {DashboardReviewStrings} s
 */

/**
 * @typedef {object} ReviewModule
 * @property {string} id the module id
 * @property {string} t its title
 * @property {string} q its quiz's id, whose pass starts the schedule of its objectives
 * @property {string[]} o its objectives that a review can ask about
 */

/**
 * The words the dashboard shows of reviews (review_page.DASHBOARD_REVIEW_KEYS).
 * @typedef {object} DashboardReviewStrings
 * @property {string} review_due_n
 * @property {string} review_due_one
 * @property {string} review_next
 * @property {string} review_not_yet
 * @property {string} review_start
 * @property {string} review_retention
 */

/**
 * The review page's .cg-rvw element (review_page.review_page).
 * @typedef {object} ReviewElementData
 * @property {string} r JSON of {@link ReviewData}
 * @property {string} s JSON of {@link ReviewStrings}
 * @property {string} searchExclude '' (data-search-exclude): for Material's search
 */

/**
 * @typedef {object} ReviewData
 * @property {number[]} iv the gaps between reviews, in days
 * @property {number} n the most questions in one review
 * @property {ReviewModule[]} m the modules with something to review
 * @property {string[][]} a for each question of the review quiz, by position, the objectives it assesses
 * @property {string[]} ids each question's id (its quiz's id, '--', its own), by position
 * @property {string} c the course title, for the calendar's events
 */

/**
 * The words review.js shows (review_page.REVIEW_SCRIPT_KEYS).
 * @typedef {object} ReviewStrings
 * @property {string} review_none
 * @property {string} review_next
 * @property {string} review_not_yet
 * @property {string} review_done
 * @property {string} review_event
 * @property {string} review_event_text
 */
