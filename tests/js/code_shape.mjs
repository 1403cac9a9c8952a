// Measures the shape of the runtime's sources (generator/assets/src/*.js) with a real parser
// (acorn), for tests/test_runtime_code_shape.py: every function's length in lines, and every
// identifier in the code (declarations, references and property names; not comments or strings).
// Prints one JSON object: {functions: [{file, line, name, lines}], identifiers: {total, oneLetter,
// oneLetterNames}}.
//
// Usage: node tests/js/code_shape.mjs <source dir>

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'acorn'

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])

/**
 * Every AST node under `node`, depth first.
 * @param {any} node
 * @returns {Generator<any>}
 */
function* nodes(node) {
  yield node
  for (const [key, value] of Object.entries(node)) {
    if (key == 'loc') continue
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type == 'string') yield* nodes(child)
    }
  }
}

/**
 * A readable name for a function: its own, or the variable or property it is assigned to.
 * @param {any} fn
 * @param {Map<any, any>} parents
 */
const functionName = (fn, parents) => {
  if (fn.id) return fn.id.name
  const parent = parents.get(fn)
  if (parent?.type == 'VariableDeclarator' && parent.id.type == 'Identifier') return parent.id.name
  if (parent?.type == 'Property' && parent.key.type == 'Identifier') return parent.key.name
  if (parent?.type == 'MethodDefinition') return parent.key.name
  return '(anonymous)'
}

const dir = process.argv[2]
const functions = []
const oneLetterNames = {}
let total = 0
let oneLetter = 0
for (const file of readdirSync(dir).filter((name) => name.endsWith('.js')).sort()) {
  const source = readFileSync(join(dir, file), 'utf8')
  const tree = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true })
  const parents = new Map()
  for (const node of nodes(tree)) {
    for (const [key, value] of Object.entries(node)) {
      if (key == 'loc') continue
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child.type == 'string') parents.set(child, node)
      }
    }
  }
  for (const node of nodes(tree)) {
    if (FUNCTIONS.has(node.type)) {
      const lines = node.loc.end.line - node.loc.start.line + 1
      functions.push({ file, line: node.loc.start.line, name: functionName(node, parents), lines })
    }
    if (node.type == 'Identifier' || node.type == 'PrivateIdentifier') {
      total++
      if (node.name.length == 1) {
        oneLetter++
        oneLetterNames[node.name] = (oneLetterNames[node.name] || 0) + 1
      }
    }
  }
}
functions.sort((a, b) => b.lines - a.lines)
console.log(JSON.stringify({ functions, identifiers: { total, oneLetter, oneLetterNames } }))
