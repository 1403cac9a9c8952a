// Runs the runtime's grader (generator/assets/src/grading.js, bundled by the test) for
// tests/test_runtime_grading.py: one JSON request a line on stdin, one JSON answer a line on stdout.
//   {"question": <quiz data question>, "answer": [...]}                  -> gradeAnswer's Grade
//   {"questions": [...], "drawn": [...], "shares": {...}, "passMark": n}  -> gradeAttempt's result
//   {"question": ..., "answer": ..., "share": true}                      -> answerShare (unrounded)
// An error is answered as {"error": "..."}, so that the test shows it.
//
// Usage: node tests/js/grade_server.mjs <bundled grading module>

import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

const grading = await import(pathToFileURL(process.argv[2]).href)

/** @param {any} request */
const answer = (request) => {
  if (request.questions) {
    return grading.gradeAttempt(request.questions, request.drawn, request.shares, request.passMark)
  }
  if (request.share) return grading.answerShare(request.question, request.answer)
  return grading.gradeAnswer(request.question, request.answer)
}

for await (const line of createInterface({ input: process.stdin })) {
  let reply
  try {
    reply = answer(JSON.parse(line))
  } catch (error) {
    reply = { error: String(error) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
