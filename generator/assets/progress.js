// coursegen progress, on every course page; must stay under 1 KB gzipped with
// the theme's stylesheet (tests/test_progress_budget.py), hence the terse style.
// One localStorage record per course (generator/progress.py describes it):
// lessons opened and finished, best quiz results; done marks in the navigation.
const D = document, $ = s => D.querySelector(s)
// Storage that is missing, full or throwing reads as empty and never breaks a page.
export const ls = f => { try { return f(localStorage) } catch {} }
export const obj = x => typeof x == 'object' && !!x && !Array.isArray(x)
export const info = () => $('.cg-pg')?.dataset
export const key = c => 'coursegen-progress:' + c
// Anything but this course's format-1 record starts afresh; the version is always the site's.
export const load = ({ c, v }) => {
  const r = ls(s => JSON.parse(s.getItem(key(c))))
  return obj(r) && r.f == 1 && r.c == c && obj(r.l) && obj(r.q) ? { ...r, v } : { f: 1, c, v, l: {}, q: {} }
}
export const save = r => ls(s => (s.setItem(key(r.c), JSON.stringify(r)), 1))
// The pages that know a quiz's current hash drop results for older versions of
// it (results.js, dashboard.js); elsewhere the record is trusted.
export const passed = (r, id) => { const o = r.q[id]; return obj(o) && o.p === true }
export const marks = g => {
  const r = load(g)
  for (const a of D.querySelectorAll('a.md-nav__link')) {
    a.querySelector('.cg-dm')?.remove()
    // A page's id is the last segment of its path; a link into a page (#...) is not a page.
    const id = !a.hash && a.host == location.host && a.pathname.replace(/(\/|\.html)$/, '').split('/').pop()
    if (r.l[id] > 1 || passed(r, id)) a.append(Object.assign(D.createElement('span'), { className: 'cg-dm', role: 'img', ariaLabel: g.done, textContent: ' ✓' }))
  }
}
let io
const run = () => {
  const g = info(), b = $('.cg-lc'), id = g?.id
  // x: 1 opened, 2 finished; opening a page never unfinishes it.
  const set = x => { const r = load(g); r.l[id] = x; r.at = id; save(r); return x }
  io?.disconnect()
  if (!g) return
  let x = id && set(load(g).l[id] > 1 ? 2 : 1)
  if (b) {
    const [btn, st] = b.children, d = b.dataset
    const show = m => { btn.textContent = x > 1 ? d.undo : d.mark; if (m) st.textContent = x > 1 ? d.msg : d.msg0, marks(g) }
    btn.onclick = () => { io.disconnect(); show(x = set(3 - x)) }
    show(b.hidden = 0)
    // Reaching the end of the lesson finishes it.
    io = new IntersectionObserver(([e]) => { e.isIntersecting && x < 2 && show(x = set(2)) })
    io.observe(b)
  }
  marks(g)
}
run()
// Material's instant navigation swaps pages without reloading modules.
window.document$?.subscribe(run)
