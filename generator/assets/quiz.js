// coursegen quiz runtime: grades quizzes in the browser, for practice and
// self-assessment only. The key in data-key is obfuscated, not secret.
const D = document, done = new WeakSet()
const $ = (s, r) => r.querySelector(s), $$ = (s, r) => [...r.querySelectorAll(s)]
const h = (tag, cls, ...kids) => { const e = D.createElement(tag); if (cls) e.className = cls; e.append(...kids); return e }
// Only HTML from the blob goes through here: coursegen rendered and sanitised it at build time.
const raw = (tag, cls, s) => { const e = h(tag, cls); e.innerHTML = s; return e }
const fill = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => k in o ? o[k] : m)
const mix = a => { for (let i = a.length; i > 1;) { const j = Math.random() * i-- | 0; [a[i], a[j]] = [a[j], a[i]] } return a }
const r2 = n => Math.round(n * 100) / 100
const nf = n => { try { return r2(n).toLocaleString(D.documentElement.lang || undefined) } catch { return '' + r2(n) } }
// Private mode, quota, disabled or throwing storage: the quiz works, unsaved.
const ls = f => { try { return f(localStorage) } catch {} }
const btn = (text, act) => { const b = h('button', 'cg-b', text); b.type = 'button'; b.dataset.act = act; return b }
// The runtime's own controls. A quiz can hold others (Material's copy button on a code block, a
// trainer's own with allow_html): those are never disabled, and their clicks are none of ours.
const CTL = '.cg-o>input,.cg-mr>select,button[data-act],button[data-mv]'

// Mirrors quiz_html.encode_blob: base64, then XOR with the key (FNV-1a seed, then 64 xorshift32
// states, each four key bytes low byte first; the 256-byte key repeats), then raw DEFLATE,
// which the browser inflates natively.
const decode = async (b64, seed) => {
  let x = 2166136261
  for (const c of new TextEncoder().encode(seed)) x = Math.imul(x ^ c, 16777619) >>> 0
  x = x || 1
  const k = new Uint8Array(256), b = Uint8Array.from(atob(b64), c => c.charCodeAt(0))
  for (let i = 0; i < 256; i += 4) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; k[i] = x; k[i + 1] = x >> 8; k[i + 2] = x >> 16; k[i + 3] = x >>> 24 }
  for (let i = 0; i < b.length; i++) b[i] ^= k[i & 255]
  // Straight through the stream's writer and reader, which settle in microtasks: the quiz is bound
  // before DOMContentLoaded. Through a Blob or a Response, each read waits for a later task, behind
  // the rest of the page's start-up (about 100 ms on the final assessment page).
  const z = new DecompressionStream('deflate-raw'), w = z.writable.getWriter(), r = z.readable.getReader(), t = new TextDecoder()
  // Data that does not inflate rejects these as well as the read below, which reports it.
  w.write(b).catch(() => 0)
  w.close().catch(() => 0)
  let s = ''
  for (let c; !(c = await r.read()).done;) s += t.decode(c.value, { stream: true })
  return JSON.parse(s + t.decode())
}

async function bind(root) {
  done.add(root)
  const { quiz, course, hash } = root.dataset, pass = +root.dataset.pass, draw = +root.dataset.draw
  const T = JSON.parse(root.dataset.strings), Q = (await decode(root.dataset.key, quiz + ':' + hash)).q
  const P = `coursegen:${course}:${quiz}:`, K = P + hash
  const els = $$('.cg-q', root), live = $('.cg-live', root), sum = $('.cg-sum', root)
  const say = t => { live.textContent = live.textContent == t ? t + '\u00a0' : t }
  const mark = (el, cls, text) => el.append(h('span', 'cg-m cg-' + cls, text))
  const save = () => ls(s => s.setItem(K, JSON.stringify(S)))
  const byV = (r, v) => { const e = $(`[data-v="${v}"],input[value="${v}"]`, r); if (!e) throw 0; return e }
  const fb = (label, html, f) => { const li = h('li', '', label ? h('strong', '', label + ': ') : ''); li.insertAdjacentHTML('beforeend', html); f && li.append(raw('div', 'cg-fb', f)); return li }
  const list = (tag, items) => items.length ? [h(tag, 'cg-fl', ...items)] : []
  const say2 = (who, html) => { const d = h('div', 'cg-say', h('strong', '', who + ': ')); d.insertAdjacentHTML('beforeend', html); return d }
  let S

  const X = Q.map((q, i) => {
    const el = els[i], fs = $('fieldset', el)
    if (q.t == 'single' || q.t == 'multiple') {
      const ok = q.o.filter(o => o.c), row = v => byV(fs, v).parentNode
      return {
        shuf: () => { const f = mix(q.o.filter(o => !o.pin).map(o => o.v)); return q.o.map(o => q.sh && !o.pin ? f.pop() : o.v) },
        order: vs => vs.map(row).forEach(r => fs.append(r)),
        get: () => $$('input:checked', fs).map(c => c.value),
        set: a => $$('input', fs).forEach(c => { c.checked = a.includes(c.value) }),
        ok: a => a.length,
        grade: a => {
          const hit = a.filter(v => ok.some(o => o.v == v)).length, miss = a.length - hit
          return q.pc ? Math.max(0, (hit - miss) / ok.length) : +(hit == ok.length && !miss)
        },
        show: a => {
          const out = [], missed = []
          for (const o of q.o) {
            const r = row(o.v), text = $('label', r).innerHTML
            if (a.includes(o.v)) { mark(r, o.c ? 'ok' : 'bad', T.your_answer + ': ' + T[o.c ? 'correct' : 'wrong']); out.push(fb(T.your_answer, text, o.f)) }
            else if (o.c) { mark(r, 'miss', T[q.t == 'single' ? 'right_answer' : 'missed']); missed.push(fb(T.right_answer, text)) }
          }
          return list('ul', [...out, ...missed])
        },
      }
    }
    if (q.t == 'ordering') {
      const ol = $('ol', fs), n = q.o.length
      const ix = v => q.o.findIndex(o => o.v == v)
      const inOrder = vs => vs.every((v, k) => v == q.o[k].v)
      return {
        shuf: () => { const v = q.o.map(o => o.v); for (let t = 0; t < 9 && inOrder(mix(v));); return v },
        order: vs => vs.map(v => byV(ol, v)).forEach(li => ol.append(li)),
        get: () => $$('li', ol).map(li => li.dataset.v),
        set: a => X[i].order(a),
        ok: () => 1,
        grade: a => { const k = a.filter((v, k) => v == q.o[k].v).length; return q.pc ? k / n : +(k == n) },
        show: a => {
          a.forEach((v, k) => mark(byV(ol, v), v == q.o[k].v ? 'ok' : 'bad', v == q.o[k].v ? T.right_place : fill(T.belongs, { n: ix(v) + 1 })))
          return [h('p', 'cg-l', T.right_order), ...list('ol', q.o.map(o => fb('', D.getElementById(el.id + '-' + o.v).innerHTML, o.f)))]
        },
      }
    }
    if (q.t == 'matching') {
      const sel = $$('select', fs)
      const opt = (s, v) => { const o = $(`option[value="${v}"]`, s); if (!o) throw 0; return o }
      return {
        shuf: () => mix([...q.x]),
        order: vs => sel.forEach(s => vs.forEach(v => s.append(opt(s, v)))),
        get: () => sel.map(s => s.value),
        set: a => sel.forEach((s, k) => { s.value = a[k] || '' }),
        ok: a => a.every(v => v),
        grade: a => { const k = q.o.filter((o, k) => a[k] == o.m).length; return q.pc ? k / q.o.length : +(k == q.o.length) },
        show: a => {
          const out = []
          sel.forEach((s, k) => {
            const o = q.o[k], good = a[k] == o.m
            mark(s.parentNode, good ? 'ok' : 'bad', good ? T.correct : fill(T.right_match, { m: opt(s, o.m).text }))
            o.f && out.push(fb($('label', s.parentNode).textContent + ' → ' + opt(s, o.m).text, '', o.f))
          })
          return list('ul', out)
        },
      }
    }
    // Role-play: one step at a time, built from the blob.
    const box = $('.cg-rp', el)
    const walk = a => { let id = q.s, p = 0; const path = a.map(c => { const st = q.st[id], o = st.o[c]; p += o.p; id = o.n; return o }); return { id, p, path } }
    return {
      shuf: () => 0,
      order: () => 0,
      get: () => S.a[i] || [],
      set: a => {
        box.replaceChildren()
        let id = q.s
        for (const c of a) { const st = q.st[id]; box.append(say2(T.customer, st.c), say2(T.you, st.o[c].h)); id = st.o[c].n }
        const st = q.st[id]
        if (!st) return
        const name = `${el.id}-${a.length}`, cust = say2(T.customer, st.c)
        cust.tabIndex = -1
        const ks = st.o.map((_, k) => k)
        box.append(cust, h('fieldset', 'cg-f', h('legend', 'cg-p', T.respond), ...(q.sh ? mix(ks) : ks).map(k => {
          const c = h('input'), l = raw('label', '', st.o[k].h)
          c.type = 'radio'; c.name = name; c.id = l.htmlFor = name + '-' + k; c.value = k
          return h('div', 'cg-o', c, l)
        })), btn(T.choose, 'choose'))
      },
      ok: () => 1,
      end: a => q.en[walk(a).id],
      grade: a => q.p ? walk(a).p / q.p : 1,
      show: a => {
        const e = q.en[walk(a).id]
        return [raw('div', 'cg-end', e.x), h('p', 'cg-l', T.debrief), ...list('ol', walk(a).path.map(o => { const li = fb(T.you, o.h, o.f); li.lastChild.before(h('p', 'cg-pts', fill(T.points, { n: o.p }))); return li }))]
      },
    }
  })

  const verdict = (i, f) => {
    const e = X[i].end?.(S.a[i])
    return e ? [{ success: 'correct', partial: 'partial', failure: 'wrong' }[e.k], e.h + ' — ' + T['outcome_' + e.k]]
      : [f >= 1 ? 'correct' : f > 0 ? 'partial' : 'wrong', T[f >= 1 ? 'correct' : f > 0 ? 'partial' : 'wrong']]
  }
  const show = i => {
    const q = Q[i], el = els[i], f = S.c[i] = X[i].grade(S.a[i]), [k, v] = verdict(i, f)
    $$(CTL, el).forEach(c => { c.disabled = true })
    const res = $('.cg-r', el)
    res.replaceChildren(h('p', 'cg-v cg-' + k, v + ' — ' + fill(T.score, { score: nf(f * q.p), max: nf(q.p) })), ...X[i].show(S.a[i]))
    if (q.e) res.append(h('p', 'cg-l', T.explanation), raw('div', 'cg-ex', q.e))
    for (const [t, u] of q.r) { const a = h('a', '', fill(T.review, { lesson: t })); a.href = u; res.append(h('p', 'cg-rv', a)) }
    return res
  }
  const reset = i => {
    const el = els[i]
    $$('.cg-m', el).forEach(m => m.remove())
    $$(CTL, el).forEach(c => { c.disabled = false })
    $('.cg-r', el).replaceChildren()
    X[i].order(S.o[i])
    X[i].set(S.a[i] || [])
    if (i in S.c) show(i)
  }
  const complete = () => S.d.every(i => i in S.c)
  const finish = quiet => {
    let score = 0, max = 0
    for (const i of S.d) { score += S.c[i] * Q[i].p; max += Q[i].p }
    score = r2(score)
    const passed = score * 100 >= pass * max, pct = n => fill(T.percent, { n })
    const head = h('p', 'cg-v cg-' + (passed ? 'correct' : 'wrong'), T.result + ': ' + T[passed ? 'passed' : 'failed'])
    head.setAttribute('role', 'heading'); head.setAttribute('aria-level', root.dataset.hl || 2)
    const line = fill(T.total, { score: nf(score), max: nf(max), percent: pct(max ? Math.round(100 * score / max) : 100) })
    sum.replaceChildren(head, h('p', '', line + ' · ' + fill(T.pass_mark, { mark: pct(pass) })), btn(T.retry_all, 'all'))
    if (S.d.some(i => S.c[i] < 1)) sum.append(btn(T.retry_wrong, 'wrong'))
    sum.hidden = false
    if (quiet) return
    const answers = S.d.map(i => {
      const q = Q[i], a = S.a[i], ix = v => q.o.findIndex(o => o.v == v)
      return { id: q.id, type: q.t, score: r2(S.c[i] * q.p), max: q.p, answer: q.t == 'matching' ? a.map(v => q.x.indexOf(v)) : q.t == 'roleplay' ? a : a.map(ix) }
    })
    D.dispatchEvent(new CustomEvent('coursegen:quiz-complete', { detail: { quizId: quiz, score, max, passed, answers } }))
    return head.textContent + '. ' + line
  }
  const apply = () => {
    let n = 0
    els.forEach((el, i) => {
      el.hidden = !S.d.includes(i)
      if (el.hidden) return
      $('.cg-n', el).textContent = fill(T.question, { n: ++n, total: S.d.length })
      reset(i)
    })
    sum.hidden = true
    if (complete()) finish(1)
  }
  const fresh = () => {
    let d = Q.map((_, i) => i)
    if (draw && draw < d.length) d = mix(d).slice(0, draw).sort((a, b) => a - b)
    S = { d, o: {}, a: {}, c: {} }
    d.forEach(i => { S.o[i] = X[i].shuf() })
  }
  const checked = i => {
    const res = show(i)
    save()
    res.focus()
    const t = res.firstChild.textContent
    say(complete() ? t + ' ' + finish() : t)
  }

  // Each of the runtime's buttons names its action; a click on any other button does nothing here.
  const acts = {
    check: i => {
      const a = X[i].get()
      if (!X[i].ok(a)) return say(T[Q[i].t == 'matching' ? 'need_all' : 'need_answer'])
      S.a[i] = a
      checked(i)
    },
    choose: (i, el) => {
      const c = $('.cg-rp input:checked', el)
      if (!c) return say(T.need_answer)
      const a = S.a[i] = [...X[i].get(), +c.value]
      X[i].set(a)
      if (X[i].end(a)) checked(i)
      else { save(); $('.cg-say[tabindex]', el).focus() }
    },
    mv: (i, el, b) => {
      const li = b.closest('li'), up = b.dataset.mv < 0, sib = up ? li.previousElementSibling : li.nextElementSibling
      // Move the neighbour, not the item, so the pressed button keeps focus.
      if (sib) up ? li.after(sib) : li.before(sib)
      const all = [...li.parentNode.children]
      say(fill(T.moved, { n: all.indexOf(li) + 1, total: all.length }))
      S.a[i] = X[i].get()
      save()
    },
    all: () => { fresh(); retry(S.d) },
    wrong: () => {
      const redo = S.d.filter(i => S.c[i] < 1)
      for (const i of redo) { delete S.a[i]; delete S.c[i]; S.o[i] = X[i].shuf() }
      retry(redo)
    },
  }
  const retry = redo => {
    apply()
    save()
    $('.cg-n', els[redo[0]]).focus()
  }
  root.addEventListener('click', e => {
    const b = e.target.closest('button'), act = b && (b.dataset.mv ? 'mv' : b.dataset.act), el = b?.closest('.cg-q')
    if (Object.hasOwn(acts, act ?? '')) acts[act](el && +el.dataset.i, el, b)
  })
  root.addEventListener('change', e => {
    const el = e.target.closest('.cg-q')
    if (el && e.target.matches(CTL) && !e.target.closest('.cg-rp')) { S.a[el.dataset.i] = X[el.dataset.i].get(); save() }
  })

  // Saved progress (JSON text) that does not fit this quiz starts a fresh attempt instead.
  const restore = v => {
    try {
      const s = JSON.parse(v)
      if (!s?.d?.length || !s.d.every(i => Q[i]) || !s.o || !s.a || !s.c) throw 0
      S = s
      apply()
    } catch {
      fresh()
      apply()
    }
  }
  restore(ls(s => s.getItem(K)))
  // Progress saved for an older version of this quiz is dropped, never restored.
  ls(s => { for (let j = s.length; j--;) { const k = s.key(j); k.startsWith(P) && k != K && s.removeItem(k) } })
  // The quiz open in several tabs is one attempt: each takes over what another saves (or deletes)
  // the moment it is saved, so the next answer here is saved on top of it, not over it.
  const sync = e => {
    if (!root.isConnected) return removeEventListener('storage', sync)
    if (e.key == K || e.key === null) restore(e.newValue)
  }
  addEventListener('storage', sync)
}

// A quiz whose data does not decode (a damaged page, a browser without DecompressionStream) says
// so where the learner looks, instead of leaving a form that does nothing.
const broken = (r, e) => {
  console.error('coursegen quiz', e)
  $$(CTL, r).forEach(c => { c.disabled = true })
  let t
  try { t = JSON.parse(r.dataset.strings).broken } catch {}
  const p = h('p', 'cg-v cg-wrong', t || '')
  p.setAttribute('role', 'alert')
  r.prepend(p)
}
const run = async () => {
  const roots = $$('.cg-quiz', D).filter(r => !done.has(r))
  const bound = await Promise.all(roots.map(r => bind(r).then(() => 1, e => broken(r, e))))
  if (bound.includes(1)) performance.mark('coursegen:quiz-ready')
}
run()
// Material's instant navigation swaps the page without reloading this module.
window.document$?.subscribe(run)
// A quiz page holds this one script; it brings the course's progress tracker along.
const pj = $('.cg-pg', D)?.dataset.js
if (pj) D.head.append(Object.assign(h('script'), { type: 'module', src: pj }))
