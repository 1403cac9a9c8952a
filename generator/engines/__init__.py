"""Engines: the rendered course handed to a site builder.

The MkDocs plugin, the writer of a plain project for any engine that reads mkdocs.yml, and the
rules for the output folders both replace. Thin layers: the work is done in read, model and pages.
"""
