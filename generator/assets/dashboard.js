// coursegen dashboard: the course home's progress view, the certificate page,
// and the learner's own data (save to a file, load from one, delete). Loaded
// only by those two pages; the record itself is progress.js's (see
// generator/progress.py for its format).
import { ls, obj, info, key, load, save, passed, marks } from './progress.js'

const D = document, done = new WeakSet()
const $ = (s, r = D) => r.querySelector(s), $$ = (s, r = D) => [...r.querySelectorAll(s)]
const fill = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => k in o ? o[k] : m)
const lang = () => D.documentElement.lang || undefined
const nf = n => { n = Math.round(n * 100) / 100; try { return n.toLocaleString(lang()) } catch { return '' + n } }
const h = (tag, text, attrs) => Object.assign(D.createElement(tag), { textContent: text }, attrs)
const SLUG = /^[a-z0-9][a-z0-9-]*$/

// ------------------------------------------------------------ verification code
// The twin of generator/certificate.py: same steps, same result, tested on both.
// It ties the printed name, date and score to the course and its version; it is
// not a signature (this code is public), so it proves nothing about who passed.
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const SPACE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/
export const normalizeName = name => name.normalize('NFC').split(SPACE).filter(Boolean).join(' ').toLowerCase()
// cyrb53 (public domain, by bryc) over UTF-8 bytes: 53 bits, not cryptographic.
const hash53 = bytes => {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57
  for (const b of bytes) { h1 = Math.imul(h1 ^ b, 2654435761); h2 = Math.imul(h2 ^ b, 1597334677) }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
export const certCode = (course, version, name, date, score) => {
  const text = ['coursegen-certificate/1', course, version, normalizeName(name), date, String(score)].join('\n')
  let n = Math.floor(hash53(new TextEncoder().encode(text)) / 8), s = ''
  for (let i = 0; i < 10; i++, n = Math.floor(n / 32)) s = ALPHABET[n % 32] + s
  return s.slice(0, 5) + '-' + s.slice(5)
}

// The name as the certificate prints it and computes the code from: white space
// in runs as one space (the code ignores spacing anyway), and control characters
// count as white space: a name has none, and the trainer pastes it into a terminal.
export const certName = v => v.replace(/[\0-\x1f\x7f-\x9f]/g, ' ').split(SPACE).filter(Boolean).join(' ')
// The command a trainer pastes into a shell. The name, the learner's text, goes
// in single quotes, where nothing is special but the quote itself, written '\''
// (close, quoted quote, reopen): $(…), `…`, ; or a line break stay part of one
// argument. The other values, which the page makes itself, too if they hold
// anything but letters, digits, _, . and -. (Q is the quote, spelt so that no
// string literal here holds one: tests/test_progress_budget.py reads them.)
const Q = '\x27', quote = s => Q + s.split(Q).join(Q + '\\' + Q + Q) + Q
const word = s => /^[\w.-]+$/.test(s) ? s : quote(s)
export const verifyCommand = (code, name, date, score) =>
  `coursegen verify ${word(code)} --name ${quote(name)} --date ${word(date)} --score ${word(String(score))}`

// ----------------------------------------------------------------- the outline
// C: {m: [{id, t, i: [{id, k: 'l' | 'q', t, u}]}], f: {id, t, u} | null, h: {quiz id: hash}, rq, cert}
// Results that no longer count go first: one for an older version of a quiz
// (its hash differs), for a quiz no longer in the course, or damaged. After
// that every result in the record counts, here and in the navigation marks.
const prune = (C, g) => {
  const r = load(g), keep = (o, h) => !!h && obj(o) && o.h === h && typeof o.s == 'number' && o.m > 0 && o.s >= 0
  let n = 0
  for (const id of Object.keys(r.q)) if (!keep(r.q[id], C.h[id])) delete r.q[id], n++
  if (n) save(r), marks(g)
  return r
}
const course = (C, r) => {
  const items = [...C.m.flatMap(m => m.i), ...C.f ? [{ ...C.f, k: 'q' }] : []]
  const result = id => r.q[id] || null
  // 0 not started, 1 in progress, 2 done
  const state = it => it.k == 'l' ? (r.l[it.id] > 1 ? 2 : r.l[it.id] ? 1 : 0) : passed(r, it.id) ? 2 : result(it.id) || r.l[it.id] ? 1 : 0
  const quizzes = [...C.m.flatMap(m => m.i.filter(it => it.k == 'q').map(it => it.id))]
  const required = C.f ? [C.f.id, ...C.rq ? quizzes : []] : []
  const complete = !!C.f && required.every(id => passed(r, id))
  return { items, result, state, required, complete }
}

const pct = (s, m) => Math.round(100 * s / m)
const iso = t => { const d = new Date(t), p = n => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` }
const storable = () => ls(s => (s.setItem('coursegen:?', 1), s.removeItem('coursegen:?'), 1))

// --------------------------------------------------------------- the dashboard
function dashboard(root) {
  const C = JSON.parse(root.dataset.course), S = JSON.parse(root.dataset.s), g = info()
  const own = $('.cg-own'), msg = $('.cg-msg', own)
  const say = t => { msg.textContent = msg.textContent == t ? t + '\u00a0' : t }

  const show = () => {
    const r = prune(C, g), { items, result, state, complete } = course(C, r), label = [S.st_new, S.st_started, S.st_done]
    for (const el of $$('.cg-st[data-st]')) {
      const it = items.find(it => it.id == el.dataset.st)
      if (!it) continue
      const k = state(it), o = it.k == 'q' && result(it.id)
      el.className = 'cg-st cg-s' + k
      el.textContent = label[k] + (o ? ' · ' + fill(S.best, { s: nf(o.s), m: nf(o.m), p: pct(o.s, o.m) }) + ' · ' + (o.p ? S.result_passed : S.result_failed) : '')
      el.hidden = false
    }
    for (const el of $$('.cg-ms[data-ms]')) {
      const m = C.m.find(m => m.id == el.dataset.ms)
      if (!m) continue
      const ks = m.i.map(state), k = ks.every(k => k == 2) ? 2 : ks.some(k => k) ? 1 : 0
      el.className = 'cg-ms cg-s' + k
      el.textContent = label[k]
      el.hidden = false
    }
    const n = items.filter(it => state(it) == 2).length, p = items.length ? pct(n, items.length) : 0
    $('progress', root).value = p
    $('.cg-ov', root).textContent = fill(S.overall, { n, total: items.length, p })
    // Continue where the learner left off: the first unfinished item from the last one opened.
    const at = Math.max(0, items.findIndex(it => it.id == r.at)), todo = it => state(it) < 2
    const next = items.slice(at).find(todo) || items.find(todo), go = $('.cg-go', root)
    go.replaceChildren()
    if (complete) {
      const p = h('p', S.complete + ' ')
      if (C.cert) p.append(h('a', S.get_certificate, { href: C.cert }))
      go.append(p)
    }
    if (next) {
      const started = r.at || items.some(state), p = h('p', '')
      p.append(h('a', fill(started ? S.continue : S.start, { t: next.t }), { href: next.u, className: 'cg-cont' }))
      go.append(p)
    }
    root.hidden = false
  }

  own.addEventListener('click', e => {
    const act = e.target.closest('button')?.dataset.act
    if (act == 'export') {
      const data = { format: 'coursegen-progress', ...load(g), exported: new Date().toISOString() }, file = `${g.c}-progress.json`
      const a = h('a', '', { download: file, href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })) })
      a.click()
      setTimeout(() => URL.revokeObjectURL(a.href), 1e4)
      say(fill(S.exported, { file }))
    } else if (act == 'reset' && confirm(S.reset_q)) {
      // Everything this course keeps: the record and every saved quiz attempt.
      ls(s => { for (let j = s.length; j--;) { const k = s.key(j); (k == key(g.c) || k.startsWith(`coursegen:${g.c}:`)) && s.removeItem(k) } })
      show()
      say(S.reset_done)
    }
  })
  $('input[type=file]', own).addEventListener('change', async e => {
    const input = e.target, file = input.files[0]
    if (!file) return
    let d
    try { d = JSON.parse(await file.text()) } catch {}
    input.value = ''
    if (!obj(d) || d.format != 'coursegen-progress' || d.f != 1 || typeof d.c != 'string' || typeof d.v != 'string' || !obj(d.l) || !obj(d.q)) return say(S.bad_file)
    if (d.c != g.c) return say(fill(S.other_course, { c: d.c }))
    if (newer(d.v, g.v)) return say(fill(S.newer, { v: d.v, site: g.v }))
    say(save(merge(load(g), d)) ? S.imported : S.no_storage)
    show()
  })
  show()
  own.hidden = false
  if (!storable()) say(S.no_storage)
}

// 'a' newer than 'b', comparing up to three numbers: '1.10' > '1.9'.
const newer = (a, b) => {
  const x = (a.match(/\d+/g) || []).map(Number), y = (b.match(/\d+/g) || []).map(Number)
  for (let i = 0; i < 3; i++) if ((x[i] || 0) != (y[i] || 0)) return (x[i] || 0) > (y[i] || 0)
  return false
}

// A loaded file adds to what this browser has: finished stays finished, the better quiz result stays.
const merge = (r, d) => {
  for (const [id, x] of Object.entries(d.l)) if (SLUG.test(id) && (x == 1 || x == 2)) r.l[id] = Math.max(r.l[id] || 0, x)
  for (const [id, o] of Object.entries(d.q)) {
    if (!SLUG.test(id) || !obj(o) || typeof o.s != 'number' || typeof o.m != 'number' || !(o.m > 0) || typeof o.h != 'string') continue
    const q = { s: o.s, m: o.m, p: o.p === true, h: o.h, t: typeof o.t == 'number' ? o.t : Date.now() }, was = r.q[id]
    if (!obj(was) || was.h != q.h || q.s / q.m > was.s / was.m) r.q[id] = q
  }
  if (typeof d.at == 'string' && SLUG.test(d.at)) r.at = d.at
  if (typeof d.n == 'string' && !r.n) r.n = d.n.slice(0, 200)
  return r
}

// ------------------------------------------------------------- the certificate
function certificate(root) {
  const C = JSON.parse(root.dataset.course), S = JSON.parse(root.dataset.s), g = info()
  const r = prune(C, g), { result, required, complete } = course(C, r)
  const form = $('.cg-cform', root), cert = $('.cg-cert', root), input = $('input', form)
  $('.cg-wait', root).hidden = complete
  form.hidden = cert.hidden = !complete
  if (!complete) return
  const o = result(C.f.id), score = o ? pct(o.s, o.m) : 100
  // The course was completed when the last required quiz was passed.
  const t = Math.max(...required.map(id => +r.q[id].t || 0)) || Date.now(), date = iso(t)
  const f = name => $(`[data-f=${name}]`, cert)
  const update = () => {
    const name = certName(input.value), code = certCode(g.c, g.v, name, date, score)
    f('name').textContent = name || S.name_missing
    f('name').classList.toggle('cg-none', !name)
    let long = date
    try { long = new Date(t).toLocaleDateString(lang(), { dateStyle: 'long' }) } catch {}
    f('date').textContent = `${long} (${date})`
    f('score').textContent = `${score} %`
    f('code').textContent = code
    f('cmd').textContent = verifyCommand(code, name, date, score)
  }
  input.value = typeof r.n == 'string' ? r.n : ''
  input.addEventListener('input', () => { const r = load(g); r.n = input.value; save(r); update() })
  $('button', form).addEventListener('click', () => print())
  update()
}

const run = () => {
  for (const [sel, bind] of [['.cg-dash', dashboard], ['.cg-certpage', certificate]]) {
    const root = $(sel)
    if (!root || done.has(root) || !info()) continue
    done.add(root)
    try { bind(root) } catch (e) { console.error('coursegen dashboard', e) }
  }
}
run()
window.document$?.subscribe(run)
