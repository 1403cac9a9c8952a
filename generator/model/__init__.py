"""Model: located data into a validated course.

Typed models of the three kinds of file, the wording of their validation errors, the rules that
span files, the JSON Schema editors complete from, the loader that runs all of them before
anything is written, and the reference grader of every question type.
"""
