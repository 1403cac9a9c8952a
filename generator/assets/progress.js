// coursegen progress, on every course page; must stay under 1 KB gzipped.
// One localStorage record per course (generator/progress.py describes it):
// lessons opened and finished, best quiz results; done marks in the navigation.
const D = document, $ = s => D.querySelector(s)
export const ls = f => { try { return f(localStorage) } catch {} }
export const obj = x => typeof x == 'object' && !!x && !Array.isArray(x)
export const info = () => $('.cg-pg')?.dataset
export const key = c => `coursegen-progress:${c}`
export const load = ({ c, v }) => {
  const r = ls(s => JSON.parse(s.getItem(key(c))))
  return obj(r) && r.f == 1 && r.c == c && obj(r.l) && obj(r.q) ? { ...r, v } : { f: 1, c, v, l: {}, q: {} }
}
export const save = r => ls(s => (s.setItem(key(r.c), JSON.stringify(r)), 1))
// A quiz result counts only for the quiz as it is now: data-q lists " quiz:hash ".
export const passed = (r, g, id) => { const o = r.q[id]; return obj(o) && o.p === true && g.q.includes(` ${id}:${o.h} `) }
export const marks = g => {
  const r = load(g), base = new URL(g.root, location).href
  D.querySelectorAll('.cg-dm').forEach(m => m.remove())
  for (const a of D.querySelectorAll('a.md-nav__link')) {
    const id = a.href.startsWith(base) && a.href.slice(base.length).replace(/(\/|\.html)$/, '').split('/').pop()
    if (r.l[id] > 1 || passed(r, g, id)) a.append(Object.assign(D.createElement('span'), { className: 'cg-dm', role: 'img', ariaLabel: g.done, textContent: ' ✓' }))
  }
}
let io
const run = () => {
  const g = info(), b = $('.cg-lc'), id = g?.id, set = x => { const r = load(g); r.l[id] = x; r.at = id; save(r); return x }
  io?.disconnect()
  if (!g) return
  let x = id && set(load(g).l[id] > 1 ? 2 : 1)
  if (b) {
    const [btn, st] = b.children, d = b.dataset, show = m => { btn.textContent = x > 1 ? d.undo : d.mark; if (m) st.textContent = x > 1 ? d.msg : d.msg0, marks(g) }
    btn.onclick = () => { io.disconnect(); x = set(3 - x); show(1) }
    show()
    b.hidden = false
    // Reaching the end of the lesson finishes it.
    io = new IntersectionObserver(([e]) => { if (e.isIntersecting && x < 2) x = set(2), show(1) })
    io.observe(b)
  }
  marks(g)
}
run()
window.document$?.subscribe(run)
