// coursegen: merges quiz results into the course's progress record. quiz.js
// loads it (a quiz page holds only the one script); it loads progress.js.
import { info, load, save, obj, marks } from './progress.js'

const D = document, quiz = () => D.querySelector('.cg-quiz')?.dataset

D.addEventListener('coursegen:quiz-complete', ({ detail: e }) => {
  const g = info(), q = quiz()
  if (!g || q?.quiz != e.quizId) return
  const r = load(g), o = r.q[e.quizId], h = q.hash
  // The best result stays: only a better share of the points replaces it.
  if (!(obj(o) && o.h == h && o.s / o.m >= e.score / e.max)) r.q[e.quizId] = { s: e.score, m: e.max, p: e.passed === true, h, t: Date.now() }
  save(r)
  marks(g)
})

// This page knows its quiz's current hash: a result for an older version of
// the quiz no longer counts, so it goes, and the navigation marks follow.
const prune = () => {
  const g = info(), q = quiz(), r = g && q && load(g), o = r?.q[q.quiz]
  if (o !== undefined && !(obj(o) && o.h == q.hash)) { delete r.q[q.quiz]; save(r); marks(g) }
}
prune()
window.document$?.subscribe(prune)
