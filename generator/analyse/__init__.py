"""`coursegen analyse`: item analysis of quiz results read back from an LRS or an export.

A tool beside the pipeline: it reads the course (read/, model/) to name and place what it finds,
and never changes a page.
"""
