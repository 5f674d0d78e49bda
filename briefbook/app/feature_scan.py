"""PySide6's look at every module imported, made a read of the module's file.

Once loaded, PySide6 asks of each module imported after it whether its source holds the word
"PySide6", so that the opt-in ``from __feature__ import snake_case`` could apply to the
modules that use Qt (``shibokensupport.feature._mod_uses_pyside``). It asks through
``inspect.getsource``, which finds the file, decodes it, splits it into lines and keeps them
in ``linecache``: about 30 ms of a ×1 start, for the 200 modules the window imports, and
the lines of every one kept for the life of the process.

:func:`install` gives PySide6 the same answer read from the file's bytes: the word is
ASCII, so it is in the decoded source exactly when its bytes are in the file. A module with
no ``.py`` file of its own (built in, compiled, in an archive) is still asked about the
original way. PySide6 keeps the check in a private module; when a release no longer has it
there, nothing is replaced and the start is as PySide6 makes it. Briefbook uses no feature.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

#: PySide6's private module holding the check, and the check's name in it.
FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def install() -> bool:
    """Replace PySide6's check with one that reads the module's file (loads QtCore first); whether it was there
    to replace. The replacement keeps PySide6's own check as its ``original``, for modules without a file."""
    import PySide6.QtCore  # noqa: F401 - the import that puts the check in place

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original) or hasattr(original, "original"):
        return False
    setattr(feature, CHECK, _reading_file(original))
    return True


def _reading_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        """Whether ``module``'s source names PySide6, read from its ``.py`` file when it has one."""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside
