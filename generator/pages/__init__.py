"""Pages: a validated course into Markdown pages, quiz HTML, runtime data and a navigation.

No engine is imported here: the output is plain files that any engine reading mkdocs.yml can
build (see engines/).
"""
