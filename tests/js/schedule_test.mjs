// schedule.js and ics.js are pure: their rules are checked here in Node, no browser
// (tests/test_review_schedule.py runs this with `node --test`). Run in TZ=Europe/Berlin, so that
// the calendar days cross a change of the clocks.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  afterReview,
  dayOf,
  dayText,
  dueObjectives,
  nextDue,
  pickQuestions,
  recordReview,
  retention,
  scheduleOf,
  upcomingReviews,
  withPassedModules,
} from '../../generator/assets/src/schedule.js'
import { foldLine, reviewCalendar } from '../../generator/assets/src/ics.js'

const settings = {
  iv: [2, 7, 28, 90],
  n: 3,
  m: [
    { id: 'first', t: 'First', q: 'alpha', o: ['a1', 'a2'] },
    { id: 'second', t: 'Second', q: 'beta', o: ['b1', 'b2'] },
  ],
}
// 28 March 2026, 23:30 in Berlin: the clocks go forward that night.
const passed = new Date(2026, 2, 28, 23, 30).getTime()
const day0 = dayOf(passed)

test('days are local calendar days, whatever the hour', () => {
  assert.equal(dayText(day0, '-'), '2026-03-28')
  assert.equal(dayOf(new Date(2026, 2, 29, 0, 5).getTime()), day0 + 1)
  assert.equal(dayOf(new Date(2026, 2, 30, 23, 59).getTime()), day0 + 2)
})

test('a passed module enters box 1, due the first gap later; nothing due before', () => {
  const schedule = withPassedModules(scheduleOf(undefined), settings, (q) => (q == 'beta' ? passed : undefined))
  assert.deepEqual(schedule.o, { b1: [1, day0 + 2, -1], b2: [1, day0 + 2, -1] })
  assert.deepEqual(dueObjectives(schedule, settings, day0 + 1), [])
  assert.deepEqual(dueObjectives(schedule, settings, day0 + 2), ['b1', 'b2'])
  assert.equal(nextDue(schedule, settings, day0), day0 + 2)
})

test('right moves up one box, past the last is retained; wrong goes back to box 1', () => {
  let entry = [1, day0 + 2, -1]
  entry = afterReview(entry, true, day0 + 2, settings.iv)
  assert.deepEqual(entry, [2, day0 + 9, 1])
  const wrong = afterReview(entry, false, day0 + 9, settings.iv)
  assert.deepEqual(wrong, [1, day0 + 11, 0])
  entry = afterReview(afterReview(entry, true, day0 + 9, settings.iv), true, day0 + 37, settings.iv)
  assert.deepEqual(entry, [4, day0 + 127, 1])
  assert.deepEqual(afterReview(entry, true, day0 + 127, settings.iv), [5, 0, 1])
})

test('overdue reviews merge into one set, most overdue first, capped', () => {
  const schedule = scheduleOf({ o: { a1: [1, 10, -1], a2: [2, 5, 1], b1: [1, 7, -1], b2: [3, 3, 1], x: [5, 0, 1] } })
  assert.deepEqual(dueObjectives(schedule, settings, 100), ['b2', 'a2', 'b1'])
})

test('objectives no longer in the course are dropped; the others keep their place', () => {
  const saved = scheduleOf({ o: { a1: [3, 50, 1], gone: [1, 5, -1] }, s: { 'q--1': 2, bad: 7 } })
  const schedule = withPassedModules(saved, settings, () => passed)
  assert.deepEqual(schedule.o.a1, [3, 50, 1])
  assert.equal('gone' in schedule.o, false)
  assert.deepEqual(schedule.s, { 'q--1': 2 })
})

test('a question not seen comes before one answered wrong, which comes before one answered right', () => {
  const assesses = [['a1'], ['a1'], ['a1'], ['a2', 'a1']]
  const ids = ['q0', 'q1', 'q2', 'q3']
  const seen = scheduleOf({ s: { q0: 1, q1: 2, q3: 1 } })
  assert.deepEqual(pickQuestions(['a1'], assesses, ids, seen, () => 0.5), [{ i: 2, o: ['a1'] }])
  const allSeen = scheduleOf({ s: { q0: 1, q1: 2, q2: 1, q3: 1 } })
  assert.deepEqual(pickQuestions(['a1'], assesses, ids, allSeen, () => 0.5), [{ i: 1, o: ['a1'] }])
  // A question already asked for another objective covers this one when no other is left.
  assert.deepEqual(pickQuestions(['a2', 'a1'], [['a2', 'a1']], ['q'], seen, Math.random), [{ i: 0, o: ['a2', 'a1'] }])
})

test('a review moves only what was due, and remembers each question', () => {
  const schedule = scheduleOf({ o: { a1: [1, 10, -1], a2: [2, 30, 1] } })
  const picks = [{ i: 0, o: ['a1', 'a2'] }]
  const after = recordReview(schedule, picks, () => false, ['q0'], settings, 12)
  assert.deepEqual(after.o, { a1: [1, 14, 0], a2: [2, 30, 1] })
  assert.deepEqual(after.s, { q0: 2 })
  assert.deepEqual(retention(after, settings.m[0], settings.iv), { right: 1, reviewed: 2, retained: 0 })
})

test('upcoming reviews group by day, an overdue one today', () => {
  const schedule = scheduleOf({ o: { a1: [1, 10, -1], a2: [2, 30, 1], b1: [1, 30, -1], b2: [5, 0, 1] } })
  assert.deepEqual(upcomingReviews(schedule, settings, 20), [
    { day: 20, objectives: ['a1'], boxes: [1] },
    { day: 30, objectives: ['a2', 'b1'], boxes: [2, 1] },
  ])
})

test('iCalendar lines fold at 75 octets without splitting a character', () => {
  const line = 'SUMMARY:' + 'Wiederholung: Überzeugen ohne Druck — '.repeat(6)
  const folded = foldLine(line)
  for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75, part)
  assert.equal(folded.replaceAll('\r\n ', ''), line)
})

test('the calendar has one all-day event per review day', () => {
  const text = reviewCalendar({
    course: 'c',
    title: 'Review: A, B; C',
    description: 'Due:',
    url: 'https://example.org/review/',
    reviews: [{ day: day0 + 2, objectives: ['b1'], boxes: [1] }],
    now: passed,
    date: (day) => dayText(day),
  })
  assert.match(text, /^BEGIN:VCALENDAR\r\n/)
  assert.match(text, /\r\nDTSTART;VALUE=DATE:20260330\r\n/)
  assert.match(text, /\r\nSUMMARY:Review: A\\, B\\; C\r\n/)
  assert.match(text, /\r\nUID:c-b1\.1@coursegen\r\n/)
  assert.ok(text.endsWith('END:VCALENDAR\r\n'))
})
