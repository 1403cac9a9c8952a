"""Read: course files as text, into plain data that knows where every value stands.

The first stage. Nothing here knows what a lesson or a quiz is: it turns YAML into data with
line and column for each value, refuses what a trainer cannot have meant, and defines the
located problem every later stage reports in.
"""
