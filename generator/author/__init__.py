"""Author: tools for the people who write a course, run on the loaded course.

`coursegen lint` lives here: warnings about items a learner can answer without knowing the
subject, lessons whose stated time does not fit them, and names that get mixed up. It reads
what read/ and model/ produce and never changes a page, so nothing here imports pages/ or an
engine.
"""
