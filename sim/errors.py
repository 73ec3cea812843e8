"""Project exception hierarchy.

Every error the user can cause (a bad scenario file, a broken data table, a bad
command-line value) is raised as a subclass of :class:`LaborsimError` with a
message that names the file, the field, the offending value and the allowed
range.  The command-line interface prints such errors as one line and exits
with status 2; anything else is a bug and keeps its traceback.
"""


class LaborsimError(Exception):
    """Base class for all errors caused by user input."""


class DataValidationError(LaborsimError, ValueError):
    """An occupation, task or transition table does not match its schema."""


class ScenarioError(LaborsimError, ValueError):
    """A scenario file or scenario value is invalid."""


class ResultIntegrityError(LaborsimError):
    """A finished run violates an output invariant (non-finite values, negative head
    counts, workers not conserved); it is reported and never saved."""
