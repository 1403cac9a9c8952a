// Helpers that more than one of the runtime's scripts needs, each written once, here.
//
// They are not served as a module of their own: `make runtime` (esbuild) copies into each served
// script the helpers it uses, so a page loads exactly the scripts it did before this file existed,
// with no extra request. That costs a few bytes per script for these small ones; bigger shared code
// (reading and writing the progress record) is served once, by progress.js, which the other scripts
// import at run time.

/**
 * The page's facts for the tracker, from its hidden .cg-pg element; undefined on a page that
 * is not part of a course.
 * @returns {import('./contract.js').PageData | undefined}
 */
export const pageData = () => {
  const facts = /** @type {HTMLElement | null} */ (document.querySelector('.cg-pg'))
  return /** @type {import('./contract.js').PageData | undefined} */ (facts?.dataset)
}

/**
 * Runs `use` with the browser's localStorage and returns what it returns, or undefined when
 * storage cannot be used. Storage can be missing, switched off (a private window, a site
 * setting), full, or throw on any access; none of that may break a page, which then works and
 * keeps nothing.
 * @template T
 * @param {(storage: Storage) => T} use
 * @returns {T | undefined}
 */
export const withStorage = (use) => {
  try {
    return use(localStorage)
  } catch {
    return undefined
  }
}

/**
 * The value `text` holds as JSON; undefined when it is not JSON. (Saved data and loaded files
 * come from outside this code: damaged or foreign data is expected, not an error.)
 * @param {string | null | undefined} text
 * @returns {unknown}
 */
export const parseJson = (text) => {
  try {
    return JSON.parse(/** @type {string} */ (text))
  } catch {
    return undefined
  }
}

/**
 * Whether `value` is a plain {…} object, as JSON objects are (not null, not an array).
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export const isPlainObject = (value) => typeof value == 'object' && value !== null && !Array.isArray(value)

/**
 * A new element with a class ('' for none) and children, elements or text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export const element = (tag, className, ...children) => {
  const created = document.createElement(tag)
  if (className) created.className = className
  created.append(...children)
  return created
}

/**
 * A new element holding `html`. Only HTML from the quiz data goes through here: coursegen
 * rendered it from the trainer's Markdown and sanitised it when it built the site.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} html
 */
export const elementWithHtml = (tag, className, html) => {
  const created = element(tag, className)
  created.innerHTML = html
  return created
}

/**
 * A UI string with each {name} replaced by values[name]; a placeholder without a value stays
 * as written, so a trainer's override with a typo shows the typo instead of "undefined".
 * @param {string} template
 * @param {Record<string, string | number>} values
 */
export const fillPlaceholders = (template, values) =>
  template.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder))

/** The page's language, for numbers and dates; undefined lets the browser choose. */
export const pageLanguage = () => document.documentElement.lang || undefined

/** @param {number} n */
export const roundToHundredths = (n) => Math.round(n * 100) / 100

/**
 * `n` to two decimals at most, written the page language's way (1,5 in German); written plainly
 * when the browser does not know the language (toLocaleString throws for a malformed one).
 * @param {number} n
 */
export const formatNumber = (n) => {
  const rounded = roundToHundredths(n)
  try {
    return rounded.toLocaleString(pageLanguage())
  } catch {
    return String(rounded)
  }
}

/**
 * Says `message` through a live region (role="status"). The same message twice in a row gets a
 * no-break space the second time, so that screen readers, which skip an unchanged region, say
 * it again.
 * @param {Element} region
 * @param {string} message
 */
export const announce = (region, message) => {
  region.textContent = region.textContent == message ? message + '\u00a0' : message
}

/**
 * Shuffles `items` in place (Fisher–Yates) and returns them.
 * @template T
 * @param {T[]} items
 */
export const shuffleInPlace = (items) => {
  for (let last = items.length - 1; last > 0; last--) {
    const pick = Math.floor(Math.random() * (last + 1))
    ;[items[last], items[pick]] = [items[pick], items[last]]
  }
  return items
}
