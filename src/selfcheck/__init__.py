"""selfcheck: validation and scoring for the training site's exercises.

Standard library only, so that the same code runs on CPython 3.11+ and in the
browser under Pyodide. Anything browser-specific is imported inside functions.
"""

from ._attempt import Attempt
from ._base import SCHEMA_VERSION, Exercise, JSONObject
from ._bridge import handle
from ._classify import Classification, classify
from ._cli import main
from ._errors import AnswerError, DefinitionError, SelfcheckError, UnknownExerciseError
from ._lint import LintRules, Problem, lint_quiz
from ._loader import KINDS, Catalogue, load_catalogue, load_file, parse_definition
from ._locale import LANGUAGES, Words
from ._quiz import Quiz
from ._record import RECORD_TEXT, PathModule, onboarding_data, read_onboarding_path
from ._rng import MAX_SEED
from ._schedule import Schedule, parse_schedule
from ._settings import Settings, load_settings, parse_settings

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "LANGUAGES",
    "MAX_SEED",
    "RECORD_TEXT",
    "SCHEMA_VERSION",
    "AnswerError",
    "Attempt",
    "Catalogue",
    "Classification",
    "DefinitionError",
    "Exercise",
    "JSONObject",
    "LintRules",
    "PathModule",
    "Problem",
    "Quiz",
    "Schedule",
    "SelfcheckError",
    "Settings",
    "UnknownExerciseError",
    "Words",
    "__version__",
    "classify",
    "handle",
    "lint_quiz",
    "load_catalogue",
    "load_file",
    "load_settings",
    "main",
    "onboarding_data",
    "parse_definition",
    "parse_schedule",
    "parse_settings",
    "read_onboarding_path",
]
