#!/usr/bin/env python3
"""How close ``medreform-check draft`` comes to the hand-encoded plan of the same document.

    python benchmarks/draft_quality.py      # prints a Markdown table

Drafts examples/documents/alxa-hitech-2023-83.txt (阿高管发〔2023〕83号) and compares the draft
with plans/alxa-hitech-2023-2025.yaml, which encodes the same notice by hand:

- **clauses**: a hand task's `source` may name several clauses (`六（一）一；二（三）`) and
  ranges (`四（三）—（九）`, expanded); every clause it names counts.
- **recall**: the share of the hand plan's clauses in which the draft has a task.
- **precision**: the share of drafted tasks whose clause holds a hand task.
- **pairing**: a drafted and a hand task that share a clause are candidates; each candidate
  pair scores 1 for the same indicator plus the Dice similarity of their titles' character
  bigrams, and pairs are taken greedily, best score first, each task in one pair at most,
  only when the score is at least 0.3. Timing and target are left out of the score on
  purpose: they are what the pairs are then compared on.
- **deadline agreement**: among pairs, the share with the same timing — the same due date,
  the same `every`, or the same stage dates.
- **target agreement**: among pairs, the share with the same target (both milestones, or
  targets that print the same once parsed: `不低于80%` and `>= 80` agree).
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from medreform_check.draft import draft_plan  # noqa: E402
from medreform_check.draft.core import read_catalogue  # noqa: E402
from medreform_check.loading.plan import load_plan  # noqa: E402
from medreform_check.model import Task  # noqa: E402

DOCUMENT = ROOT / "examples" / "documents" / "alxa-hitech-2023-83.txt"
HAND_PLAN = ROOT / "plans" / "alxa-hitech-2023-2025.yaml"
TARGETS = {"recall": 0.80, "precision": 0.50, "deadline": 0.80}
PAIR_THRESHOLD = 0.3


@dataclass(frozen=True)
class Quality:
    hand_tasks: int
    hand_clauses: int
    drafted_tasks: int
    clauses_found: int
    drafted_in_hand_clauses: int
    pairs: int
    same_deadline: int
    same_target: int

    @property
    def recall(self) -> float:
        return self.clauses_found / self.hand_clauses

    @property
    def precision(self) -> float:
        return self.drafted_in_hand_clauses / self.drafted_tasks

    @property
    def deadline(self) -> float:
        return self.same_deadline / self.pairs

    @property
    def target(self) -> float:
        return self.same_target / self.pairs


_CN = "一二三四五六七八九十"


def _cn(number: int) -> str:
    if number <= 10:
        return _CN[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def clauses_of(source: str) -> list[str]:
    """``六（一）一；四（三）—（九）`` → 六（一）一, 四（三）, 四（四）, … 四（九）."""
    out: list[str] = []
    for piece in source.split("；"):
        piece = piece.strip()
        span = re.match(
            r"^(.*?)（([一二三四五六七八九十]+)）—（([一二三四五六七八九十]+)）$", piece
        )
        if not span:
            out.append(piece)
            continue
        head, first, last = span.groups()
        numbers = [_cn(k) for k in range(1, 31)]
        for k in range(numbers.index(first), numbers.index(last) + 1):
            out.append(f"{head}（{numbers[k]}）")
    return out


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"\W", "", text)
    return {text[k : k + 2] for k in range(len(text) - 1)}


def _similarity(a: Task, b: Task) -> float:
    x, y = _bigrams(a.title), _bigrams(b.title)
    dice = 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0
    return dice + (1.0 if a.indicator and a.indicator == b.indicator else 0.0)


def _timing(task: Task) -> object:
    if task.every:
        return ("every", task.every)
    if task.stages:
        return ("stages", tuple(s.deadline for s in task.stages))
    return ("deadline", task.deadline)


def _target(task: Task) -> object:
    if task.stages:
        return tuple(str(s.target) for s in task.stages)
    return str(task.target) if task.target else None


def pairs(drafted: list[Task], hand: list[Task]) -> list[tuple[Task, Task]]:
    """Greedy one-to-one pairing within shared clauses (module docstring)."""
    candidates = []
    for k, d in enumerate(drafted):
        for m, h in enumerate(hand):
            if d.source in clauses_of(h.source or ""):
                score = _similarity(d, h)
                if score >= PAIR_THRESHOLD:
                    candidates.append((-score, k, m))
    used_d: set[int] = set()
    used_h: set[int] = set()
    out = []
    for _, k, m in sorted(candidates):
        if k not in used_d and m not in used_h:
            used_d.add(k)
            used_h.add(m)
            out.append((drafted[k], hand[m]))
    return out


def _load(path: Path) -> list[Task]:
    plan, findings = load_plan(path)
    errors = [str(f) for f in findings if f.is_error]
    if plan is None or errors:
        raise SystemExit(f"{path} does not load: {errors}")
    return list(plan.tasks)


def measure(document: Path = DOCUMENT, hand_plan: Path = HAND_PLAN) -> Quality:
    draft = draft_plan(document, read_catalogue(ROOT / "rules"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(draft.text, encoding="utf-8")
        drafted = _load(path)
    hand = _load(hand_plan)
    hand_clauses = {c for task in hand for c in clauses_of(task.source or "")}
    found = hand_clauses & {task.source for task in drafted}
    matched = pairs(drafted, hand)
    return Quality(
        hand_tasks=len(hand),
        hand_clauses=len(hand_clauses),
        drafted_tasks=len(drafted),
        clauses_found=len(found),
        drafted_in_hand_clauses=sum(task.source in hand_clauses for task in drafted),
        pairs=len(matched),
        same_deadline=sum(_timing(d) == _timing(h) for d, h in matched),
        same_target=sum(_target(d) == _target(h) for d, h in matched),
    )


def table(quality: Quality) -> str:
    def pct(value: float) -> str:
        return f"{100 * value:.0f} %"

    rows = [
        ("recall (hand clauses with a drafted task)", quality.recall, "recall",
         f"{quality.clauses_found} of {quality.hand_clauses}"),
        ("precision (drafted tasks in a hand clause)", quality.precision, "precision",
         f"{quality.drafted_in_hand_clauses} of {quality.drafted_tasks}"),
        ("same deadline, among paired tasks", quality.deadline, "deadline",
         f"{quality.same_deadline} of {quality.pairs}"),
        ("same target, among paired tasks", quality.target, "",
         f"{quality.same_target} of {quality.pairs}"),
    ]  # fmt: skip
    lines = ["| measure | value | count | target |", "|---|---|---|---|"]
    for name, value, key, count in rows:
        goal = f"≥ {pct(TARGETS[key])}" if key else "—"
        lines.append(f"| {name} | {pct(value)} | {count} | {goal} |")
    return "\n".join(lines)


def main() -> int:
    quality = measure()
    print(f"Draft of {DOCUMENT.name} against {HAND_PLAN.name} ({quality.hand_tasks} hand tasks):")
    print()
    print(table(quality))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
