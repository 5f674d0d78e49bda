"""Find and replace across a brief, on what prints rather than what is typed.

- :mod:`~briefbook.search.query`: the query and its options, compiled with a time limit
  for regular expressions, and the messages for queries that cannot be searched for;
- :mod:`~briefbook.search.printed`: a text's printed characters mapped back to its source;
- :mod:`~briefbook.search.find`: every text of a brief with its address, and the matches in each;
- :mod:`~briefbook.search.replace`: replacements that keep the markup, checked by parsing
  the result, as a plan of changed values for the document to apply as one undo step.

No Qt here: the editor's find bar and find panel (``briefbook/app/find_*.py``) and the
benchmark use the same functions.
"""

from briefbook.search.find import (
    HIT_LIMIT,
    Hit,
    Place,
    PlaceNames,
    body_offset,
    find_all,
    find_in_body,
    find_in_text,
    hits_in,
    matches_in,
    places,
)
from briefbook.search.query import Matcher, Options, Query, QueryError
from briefbook.search.replace import (
    Edit,
    Plan,
    Skip,
    TextChange,
    plan_replace,
    plan_replace_all,
    replace_all_marked,
    replace_marked,
)

__all__ = [
    "HIT_LIMIT", "Edit", "Hit", "Matcher", "Options", "Place", "PlaceNames", "Plan", "Query", "QueryError", "Skip",
    "TextChange", "body_offset", "find_all", "find_in_body", "find_in_text", "hits_in", "matches_in", "places",
    "plan_replace", "plan_replace_all", "replace_all_marked", "replace_marked",
]
