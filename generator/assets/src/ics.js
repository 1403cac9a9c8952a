// Review reminders as an iCalendar file (RFC 5545), made in the browser from the learner's own
// schedule: no server, and nothing leaves the browser. Pure, for Node's tests and the review page.

/**
 * @typedef {object} Reminder
 * @property {number} day the review's day (schedule.js's day number)
 * @property {string[]} objectives the objectives due that day
 * @property {number[]} boxes each one's box
 */

/**
 * Text escaped as an iCalendar TEXT value (RFC 5545 3.3.11).
 * @param {string} text
 */
const escapeText = (text) => text.replace(/[\\;,]/g, (c) => '\\' + c).replace(/\r?\n/g, '\\n')

/**
 * A content line folded at 75 octets (RFC 5545 3.1): each continuation starts with a space. A
 * character is never split, however many octets its UTF-8 takes.
 * @param {string} line
 */
export const foldLine = (line) => {
  const encoder = new TextEncoder()
  const parts = []
  let part = ''
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    // The first line holds 75 octets; a continuation 74 after its leading space.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(part)
      part = ''
      octets = 0
    }
    part += char
    octets += size
  }
  parts.push(part)
  return parts.join('\r\n ')
}

/**
 * A UTC time as an iCalendar DATE-TIME (YYYYMMDDTHHMMSSZ).
 * @param {number} time ms since 1970
 */
const utcStamp = (time) => new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')

/**
 * The calendar: one all-day event per review day, with a reminder that morning and the review
 * page's address. An event's UID stays the same for the same objectives in the same boxes, so a
 * calendar that imports the file again after a review updates the events rather than doubling them.
 * @param {object} calendar
 * @param {string} calendar.course the course id
 * @param {string} calendar.title what each event is called
 * @param {string} calendar.description what each event says, before the link
 * @param {string} calendar.url the review page's absolute address
 * @param {Reminder[]} calendar.reviews
 * @param {number} calendar.now when the file is made (ms since 1970)
 * @param {(day: number) => string} calendar.date a day number as YYYYMMDD
 */
export const reviewCalendar = ({ course, title, description, url, reviews, now, date }) => {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//coursegen//reviews//EN', 'CALSCALE:GREGORIAN']
  for (const review of reviews) {
    const key = review.objectives.map((id, k) => id + '.' + review.boxes[k]).join('+')
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(course)}-${escapeText(key)}@coursegen`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;VALUE=DATE:${date(review.day)}`,
      `DTEND;VALUE=DATE:${date(review.day + 1)}`,
      `SUMMARY:${escapeText(title)}`,
      `DESCRIPTION:${escapeText(description + ' ' + url)}`,
      `URL:${url}`,
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(title)}`,
      // 9:00 on the day: an all-day event starts at midnight.
      'TRIGGER;RELATED=START:PT9H',
      'END:VALARM',
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
