"""
Labelled figures of the prose: ``本年收入合计 1026.19 万元``, ``基本支出 869.12 万元，占 84.69%``.

A :class:`Fact` is an amount or a quantity with the words in front of it that say what it
counts, and the change (``比上年增加 46.92 万元，增长 4.86%``) and share (``占 84.69%``)
that follow it in the same sentence.

>>> [fact] = find_facts("基本支出 869.12 万元，占 84.69%。")
>>> fact.label, str(fact.value), str(fact.share)
('基本支出', '869.12万元', '84.69%')
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

import attrs

from ._numbering import numbering
from .amounts import Amount, Percentage, Quantity
from .changes import Change
from .phrases import Phrase, find_phrases
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["Fact", "find_facts"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class Fact:
    """
    A figure and what it counts.

    Attributes:
        label: The words before the figure back to the start of its clause, without
            numbering or linking words (``为``, ``其中``, ``包括``).
        value: The figure.
        changes: The year-on-year changes that follow it in its sentence.
        share: The ``占 …%`` that follows it in its sentence, if any.
        context: The headings above it, outermost first (empty for :func:`find_facts`).
        span: From the start of the label to the end of the figure (the label's
            last characters when it is cut to 40).
    """

    label: str
    value: Amount | Quantity
    changes: tuple[Change, ...] = ()
    share: Percentage | None = None
    context: tuple[str, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False)


# A clause starts after punctuation or at the start of the text.
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]|其中")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]+")  # 。 then a line break: one end
_LEADING = re.compile(
    r"^[、（(\s]*(?:其中|主要包括|包括|分别为|分别是|即|共有|共计|共|合计有|和|及|的)?\s*"
)
_TRAILING = re.compile(r"\s*(?:为|是|达到|达|共计|共|约|和|及|与)$")
# 主要用于…。与上年相比增加 5 万元: the change still speaks of the figure before.
_COMPARISON = re.compile(r"\s*(?:与|比|较)上年|\s*同比")
_MARKUP = re.compile(r"\*\*|</?b>|\$")
_MAX_LABEL = 40


def find_facts(
    text: str, *, context: tuple[str, ...] = (), phrases: Sequence[Phrase] | None = None
) -> Iterator[Fact]:
    """
    Yield every labelled amount and quantity of *text*, in order. Never raises.

    *context* is copied into each fact. *phrases*, if given, are what
    :func:`~cnbudget.phrases.find_phrases` yields for *text*, found once already.

    A change belongs to the nearest figure before it in its sentence; a sentence that opens
    with a comparison (``与上年相比增加 5 万元``) and has no figure of its own speaks of the
    first figure of the sentence before. Figures with no words in front of them
    (``1026.19 万元`` alone) are skipped.
    """
    if phrases is None:
        phrases = list(find_phrases(text))
    sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
    clauses = [m.end() for m in _CLAUSE_END.finditer(text)]
    facts: list[_Draft] = []
    first_in: dict[int, _Draft] = {}  # the first figure of each sentence
    for index, phrase in enumerate(phrases):
        if phrase.span is None:
            continue
        sentence = bisect.bisect_right(sentences, phrase.span.start)
        if isinstance(phrase, (Amount, Quantity)):
            start = _clause_start(clauses, phrase.span.start, phrases[index - 1] if index else None)
            label = _label(text[start : phrase.span.start])
            if label:
                # The span starts where the label does, past numbering and linking words.
                found = text.rfind(label, start, phrase.span.start)
                span = Span(found if found >= 0 else start, phrase.span.end)
                facts.append(_Draft(label, phrase, sentence, span))
                first_in.setdefault(sentence, facts[-1])
        elif isinstance(phrase, (Change, Percentage)):
            owner = _owner(facts, first_in, sentence, text, sentences)
            if owner is not None:
                owner.attach(phrase, text)
    for draft in facts:
        yield Fact(draft.label, draft.value, tuple(draft.changes), draft.share, context, draft.span)


@attrs.define
class _Draft:
    label: str
    value: Amount | Quantity
    sentence: int
    span: Span
    changes: list[Change] = attrs.Factory(list)
    share: Percentage | None = None

    def attach(self, phrase: Change | Percentage, text: str) -> None:
        if isinstance(phrase, Change):
            self.changes.append(phrase)
        elif self.share is None and phrase.span and "占" in text[self.span.end : phrase.span.start]:
            self.share = phrase


def _owner(
    facts: list[_Draft], first_in: dict[int, _Draft], sentence: int, text: str, ends: list[int]
) -> _Draft | None:
    """The figure a change or share found in *sentence* speaks of."""
    if facts and facts[-1].sentence == sentence:
        return facts[-1]
    start = ends[sentence - 1] if sentence else 0
    if facts and facts[-1].sentence == sentence - 1 and _COMPARISON.match(text, start):
        return first_in[sentence - 1]
    return None


def _clause_start(clauses: list[int], end: int, previous: Phrase | None) -> int:
    """Where the clause holding a figure at *end* starts: after punctuation or a phrase."""
    index = bisect.bisect_right(clauses, end) - 1
    start = clauses[index] if index >= 0 else 0
    if previous is not None and previous.span is not None:
        start = max(start, previous.span.end)
    return start


def _label(words: str) -> str:
    label = numbering(_MARKUP.sub("", words).strip())[3]
    if label.count("（") > label.count("）"):  # an aside opened before the figure
        label = label[label.rindex("（") + 1 :]
    label = _LEADING.sub("", label)
    label = _TRAILING.sub("", label).strip()
    return label[-_MAX_LABEL:]
