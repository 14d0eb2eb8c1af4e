"""selfcheck: validation and scoring for the training site's exercises.

Standard library only, so that the same code runs on CPython 3.11+ and in the
browser under Pyodide. Anything browser-specific is imported inside functions.
"""

from ._base import SCHEMA_VERSION, Exercise, JSONObject
from ._bridge import handle
from ._classify import Classification, classify
from ._cli import main
from ._errors import AnswerError, DefinitionError, SelfcheckError, UnknownExerciseError
from ._loader import KINDS, Catalogue, load_catalogue, load_file, parse_definition

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "AnswerError",
    "Catalogue",
    "Classification",
    "DefinitionError",
    "Exercise",
    "JSONObject",
    "SelfcheckError",
    "UnknownExerciseError",
    "__version__",
    "classify",
    "handle",
    "load_catalogue",
    "load_file",
    "main",
    "parse_definition",
]
