"""coursegen: YAML lessons and scenario quizzes into an accessible MkDocs site."""

import sys

# Checked before anything else is imported, so that an older Python says which one it is in one
# line, instead of failing later on syntax or a library it cannot install.
if sys.version_info < (3, 11):  # noqa: UP036 (the check is for the Pythons the project does not support)
    version = ".".join(str(part) for part in sys.version_info[:3])
    sys.exit(
        f"error: coursegen needs Python 3.11 or newer; {sys.executable} is Python {version}: "
        "install 3.11 or newer (README, Getting started) and run make again"
    )
