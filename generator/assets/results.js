// coursegen: merges quiz results into the course's progress record. quiz.js
// loads it (a quiz page holds only the one script); it loads progress.js.
import { info, load, save, obj, marks } from './progress.js'

document.addEventListener('coursegen:quiz-complete', ({ detail: e }) => {
  const g = info(), q = document.querySelector('.cg-quiz')?.dataset
  if (!g || q?.quiz != e.quizId) return
  const r = load(g), o = r.q[e.quizId], h = q.hash
  // The best result stays: only a better share of the points replaces it.
  if (!(obj(o) && o.h == h && o.s / o.m >= e.score / e.max)) r.q[e.quizId] = { s: e.score, m: e.max, p: e.passed === true, h, t: Date.now() }
  save(r)
  marks(g)
})
