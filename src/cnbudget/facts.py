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

from ._text import clean, numbering
from .amounts import Amount, Percentage, Qualifier, Quantity
from .changes import Change
from .phrases import located_phrases

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ._text import MappedText
    from .phrases import Phrase
    from .spans import Span

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
    r"[、（(\s]*(?:其中|主要包括|包括|分别为|分别是|即|共有|共计|共|合计有|和|及|的)?\s*"
)
# Words that link a label to its figure: 基本支出为 …, 车辆共 …
_TRAILING = ("共计", "达到", "为", "是", "达", "共", "约", "和", "及", "与")
# 主要用于…。与上年相比增加 5 万元: the change still speaks of the figure before.
_COMPARISON = re.compile(r"\s*(?:与|比|较)上年|\s*同比")
_MAX_LABEL = 40


def find_facts(text: str, *, context: tuple[str, ...] = ()) -> Iterator[Fact]:
    """
    Yield every labelled amount and quantity of *text*, in order. Never raises.

    *context* is copied into each fact.

    A change belongs to the nearest figure before it in its sentence; a sentence that opens
    with a comparison (``与上年相比增加 5 万元``) and has no figure of its own speaks of the
    first figure of the sentence before. Figures with no words in front of them
    (``1026.19 万元`` alone) are skipped.
    """
    where = clean(text)
    yield from facts_in(where, list(located_phrases(where)), context)


def facts_in(
    where: MappedText,
    found: Sequence[tuple[Phrase, int, int]],
    context: tuple[str, ...] = (),
) -> list[Fact]:
    """
    The facts of ``where.text``, given its phrases with their offsets in it.

    Spans point into ``where.source``.
    """
    text = where.text
    sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
    clauses = [m.end() for m in _CLAUSE_END.finditer(text)]
    facts: list[_Draft] = []
    first_in: dict[int, _Draft] = {}  # the first figure of each sentence
    previous_end = 0
    listed: list[_Draft] = []  # 基本支出、项目支出分别为800.00、200.00万元: one label, many figures
    shared = 0  # how many of the list's shares (占80.00%、20.00%) are placed
    for phrase, start, end in found:
        sentence = bisect.bisect_right(sentences, start)
        apart = text[previous_end:start]
        if isinstance(phrase, (Amount, Quantity)):
            if listed and _LIST_GAP.fullmatch(apart) and listed[-1].sentence == sentence:
                listed.append(_Draft("", phrase, sentence, where.span(start, end), end))
                previous_end = end
                continue
            _split_list(listed, facts)
            listed, shared = [], 0
            clause = max(_clause_start(clauses, start), previous_end)
            if _counts_above(phrase, facts, _clause_start(clauses, start)):
                # 单价100万元（含）以上设备0台（套）: the amount is the threshold of the count,
                # part of its label, and no fact of its own.
                dropped = facts.pop()
                if first_in.get(dropped.sentence) is dropped:
                    del first_in[dropped.sentence]
                clause = _clause_start(clauses, start)
            label, label_start = _label(text, clause, start)
            if label:
                facts.append(_Draft(label, phrase, sentence, where.span(label_start, end), end))
                first_in.setdefault(sentence, facts[-1])
                listed = [facts[-1]]
        elif (
            isinstance(phrase, Percentage)
            and len(listed) > 1
            and shared < len(listed)
            and ((shared == 0 and "占" in apart) or (shared and _LIST_GAP.fullmatch(apart)))
        ):
            # 占80.00%、20.00%: the list's shares, in its order.
            listed[shared].share = listed[shared].share or phrase
            shared += 1
        elif isinstance(phrase, (Change, Percentage)):
            owner = _owner(facts, first_in, sentence, text, sentences)
            if owner is not None:
                owner.attach(phrase, text, start)
        previous_end = end
    _split_list(listed, facts)
    return [
        Fact(draft.label, draft.value, tuple(draft.changes), draft.share, context, draft.span)
        for draft in facts
    ]


# What a label must hold: a word, in 汉字 or letters.
_HAS_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# A code part printed before its name: （204类）, (02款), （01项）.
_CODE_MARK = re.compile(r"[（(][0-9０-９]{2,3}[类款项][）)]")
# Between two figures of one list: a list separator and nothing else.
_LIST_GAP = re.compile(r"\s*[、,，]\s*")
# The words that end a list's label: 分别为, 各为.
_LIST_END = re.compile(r"(?:分别(?:为|是)?|各为|各)$")
_LIST_NAMES = re.compile(r"[、和及与]")


def _split_list(listed: list[_Draft], facts: list[_Draft]) -> None:
    """
    A list's figures with their own names, if its label names as many: 基本支出、项目支出分别.

    A list whose label does not name each of its figures keeps its first figure alone.
    """
    if len(listed) < 2:  # noqa: PLR2004
        return
    head = listed[0]
    names = [n for n in _LIST_NAMES.split(_LIST_END.sub("", head.label)) if n.strip()]
    if len(names) != len(listed):
        return
    head.label = names[0].strip()
    at = facts.index(head) + 1
    for offset, (name, draft) in enumerate(zip(names[1:], listed[1:], strict=True)):
        draft.label = name.strip()
        facts.insert(at + offset, draft)


@attrs.define
class _Draft:
    label: str
    value: Amount | Quantity
    sentence: int
    span: Span
    end: int  # where the figure ends in the clean text
    changes: list[Change] = attrs.Factory(list)
    share: Percentage | None = None

    def attach(self, phrase: Change | Percentage, text: str, start: int) -> None:
        if isinstance(phrase, Change):
            self.changes.append(phrase)
        elif self.share is None and "占" in text[self.end : start]:
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


def _counts_above(phrase: Phrase, facts: list[_Draft], clause: int) -> bool:
    """Whether *phrase* counts what lies above the amount before it in its clause."""
    if not isinstance(phrase, Quantity) or not facts:
        return False
    last = facts[-1]
    bound = last.value.qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}
    return isinstance(last.value, Amount) and bound and last.end > clause


def _clause_start(clauses: list[int], end: int) -> int:
    """Where the clause holding a figure at *end* starts: after punctuation."""
    index = bisect.bisect_right(clauses, end) - 1
    return clauses[index] if index >= 0 else 0


def _without_linking_word(label: str) -> str:
    """*label* without the word that links it to its figure: 基本支出为 → 基本支出."""
    for word in _TRAILING:
        if label.endswith(word):
            return label[: -len(word)].rstrip()
    return label


def _label(text: str, start: int, end: int) -> tuple[str, int]:
    """The label in ``text[start:end]`` and where it starts in *text*."""
    words = text[start:end]
    marks = list(_CODE_MARK.finditer(words))
    if len(marks) > 1:
        # （204类）公共安全支出（02款）公安（01项）行政运行: the path of names, from the
        # first mark on, the linking word before the figure (为) left out.
        names = [n.strip() for n in _CODE_MARK.split(words[marks[0].start() :]) if n.strip()]
        names[-1] = _without_linking_word(names[-1])
        return "/".join(name for name in names if name), start + marks[0].start()
    label = numbering(words.strip()).rest
    if label.count("（") > label.count("）"):  # an aside opened before the figure
        label = label[label.rindex("（") + 1 :]
    leading = _LEADING.match(label)
    assert leading is not None  # noqa: S101 -- the pattern matches the empty string
    label = label[leading.end() :]
    label = _without_linking_word(label.rstrip())
    label = label[-_MAX_LABEL:]
    if not _HAS_WORD.search(label):
        return "", start  # 156.1 of 72,156.1 2元: figures and marks name nothing
    # The span starts where the label does, past numbering and linking words.
    found = text.rfind(label, start, end) if label else -1
    return label, found if found >= 0 else start
