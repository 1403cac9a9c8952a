"""Packaging a built course for where it is published: `coursegen package` (an LMS's SCORM 1.2 zip).

It sits beside engines/: it builds the site through an engine, then packs it. It may import
engines/, pages/, model/ and read/; nothing imports it but cli.py.
"""
