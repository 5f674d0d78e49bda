"""Quotations of a brief checked against its sources: verified, altered or not found (no Qt).

- :mod:`~briefbook.quotes.find`: every quoted passage of a brief, on its printed text;
- :mod:`~briefbook.quotes.words`: what two words must share to be the same word;
- :mod:`~briefbook.quotes.index`: the sources' words, indexed a little at a time;
- :mod:`~briefbook.quotes.match`: where a quotation's words are, aligned with rapidfuzz;
- :mod:`~briefbook.quotes.check`: the verdicts, remembered, and the warnings;
- :mod:`~briefbook.quotes.report`: what the command line prints.
"""

from briefbook.quotes.check import (
    ALTERED,
    NOT_FOUND,
    VERIFIED,
    QuoteChecker,
    Verdict,
    check_brief,
    format_diff,
    quote_problems,
    unclosed_problems,
)
from briefbook.quotes.find import Quotation, Unclosed, quotations, quotations_in, unclosed

__all__ = ["ALTERED", "NOT_FOUND", "VERIFIED", "QuoteChecker", "Quotation", "Unclosed", "Verdict", "check_brief",
           "format_diff", "quotations", "quotations_in", "quote_problems", "unclosed", "unclosed_problems"]
