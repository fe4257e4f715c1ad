"""The consistency-check language (CONTRACT §1.2), parsed by a small parser of its own.

    rule   := expr ("<" | "<=" | ">" | ">=" | "==" | "!=") expr
    expr   := term (("+" | "-") term)*
    term   := factor (("*" | "/") factor)*
    factor := NUMBER | NAME ["." NAME] | "(" expr ")" | "-" factor

Nothing is ever handed to ``eval``: a rule becomes a small tree of ``Num``, ``Ref``, ``Neg``
and ``BinOp`` nodes, evaluated against a unit's values for one date.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from medreform_check.errors import ParseError
from medreform_check.language.values import normalise

COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}
_TOKEN = re.compile(
    r"(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|[-+*/()<>.])"
)


class RuleError(ParseError):
    """A rule that cannot be parsed; ``col`` is the 1-based column in the rule text."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.col = col


class NotFinite(ArithmeticError):
    """A side of a rule came out infinite or not a number (a huge value divided by a tiny one,
    infinity minus infinity): nothing can be concluded from the comparison."""


class ZeroDivision(ArithmeticError):
    """A division by zero while evaluating: the check cannot be judged for these values."""

    def __init__(self, divisor: Expr) -> None:
        super().__init__(str(divisor))
        self.divisor = divisor


@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Ref:
    """A reported value: ``indicator`` or, for a composition, ``indicator.part``."""

    indicator: str
    part: str | None
    col: int

    def __str__(self) -> str:
        return f"{self.indicator}.{self.part}" if self.part else self.indicator


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Expr


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Expr
    right: Expr


Expr = Num | Ref | Neg | BinOp


@dataclass(frozen=True, slots=True)
class Rule:
    left: Expr
    comparator: str
    right: Expr
    text: str

    def refs(self) -> list[Ref]:
        return list(_refs(self.left)) + list(_refs(self.right))


def _refs(expr: Expr) -> Iterator[Ref]:
    if isinstance(expr, Ref):
        yield expr
    elif isinstance(expr, Neg):
        yield from _refs(expr.operand)
    elif isinstance(expr, BinOp):
        yield from _refs(expr.left)
        yield from _refs(expr.right)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number, name, op, end
    text: str
    col: int


def _tokens(text: str) -> list[_Token]:
    tokens, pos = [], 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            tokens.append(_Token("end", "", pos + 1))
            return tokens
        match = _TOKEN.match(text, pos)
        if match is None:
            raise RuleError(f"unexpected character '{text[pos]}'", pos + 1)
        kind = match.lastgroup or "op"
        tokens.append(_Token(kind, match.group(), pos + 1))
        if len(tokens) > MAX_TOKENS:
            raise RuleError(
                f"the rule is longer than {MAX_TOKENS} names, numbers and signs", pos + 1
            )
        pos = match.end()


# Parentheses (and unary minus signs) nest at most this deep; the parser recurses once per
# level, so a rule of thousands of '(' is refused before it can exhaust the stack. Real rules
# nest two or three levels.
MAX_NESTING = 32
# A rule compares a handful of indicators; a longer one is refused before it is parsed, since
# `a + a + … + a` makes a tree as deep as it is long, which evaluation then recurses through.
MAX_TOKENS = 200


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        if self.token.text != text:
            found = f"'{self.token.text}'" if self.token.kind != "end" else "the end of the rule"
            raise RuleError(f"expected '{text}', found {found}", self.token.col)
        self.take()

    def rule(self, text: str) -> Rule:
        left = self.expr()
        if self.token.text not in COMPARATORS:
            found = f"'{self.token.text}'" if self.token.kind != "end" else "the end of the rule"
            raise RuleError(
                f"expected a comparison (<, <=, >, >=, ==, !=), found {found}", self.token.col
            )
        comparator = self.take().text
        right = self.expr()
        if self.token.kind != "end":
            raise RuleError(f"unexpected '{self.token.text}' after the rule", self.token.col)
        return Rule(left, comparator, right, text)

    def expr(self) -> Expr:
        node = self.term()
        while self.token.text in ("+", "-"):
            node = BinOp(self.take().text, node, self.term())
        return node

    def term(self) -> Expr:
        node = self.factor()
        while self.token.text in ("*", "/"):
            node = BinOp(self.take().text, node, self.factor())
        return node

    def factor(self) -> Expr:
        token = self.token
        if token.text in ("(", "-"):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise RuleError(f"the rule nests deeper than {MAX_NESTING} levels", token.col)
            try:
                return self._nested(token)
            finally:
                self.depth -= 1
        if token.kind == "number":
            self.take()
            number = float(token.text)
            if not math.isfinite(number):
                raise RuleError(f"the number {token.text[:20]}… is too large", token.col)
            return Num(number)
        if token.kind == "name":
            self.take()
            part = None
            if self.token.text == ".":
                self.take()
                if self.token.kind != "name":
                    raise RuleError("expected a part name after '.'", self.token.col)
                part = self.take().text
            return Ref(token.text, part, token.col)
        found = f"'{token.text}'" if token.kind != "end" else "the end of the rule"
        raise RuleError(f"expected a number, an indicator or '(', found {found}", token.col)

    def _nested(self, token: _Token) -> Expr:
        """A parenthesised expression, or a negated factor."""
        self.take()
        if token.text == "-":
            return Neg(self.factor())
        node = self.expr()
        self.expect(")")
        return node


def parse_rule(text: str) -> Rule:
    """Parse a check rule such as ``grassroots_visit_share <= local_visit_rate``."""
    return _Parser(normalise(text)).rule(text)


Values = Mapping[str, float | Mapping[str, float]]


def evaluate(expr: Expr, values: Values) -> float:
    """The value of ``expr``; raises ``KeyError`` for a missing operand, ``ZeroDivision``."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Ref):
        value = values[expr.indicator]
        if expr.part is None:
            assert not isinstance(value, Mapping)
            return float(value)
        assert isinstance(value, Mapping)
        return float(value[expr.part])
    if isinstance(expr, Neg):
        return -evaluate(expr.operand, values)
    left, right = evaluate(expr.left, values), evaluate(expr.right, values)
    if expr.op == "+":
        return left + right
    if expr.op == "-":
        return left - right
    if expr.op == "*":
        return left * right
    if right == 0:
        raise ZeroDivision(expr.right)
    return left / right


def holds(rule: Rule, values: Values, tolerance: float = 0.0) -> tuple[bool, float, float]:
    """Whether ``rule`` holds for ``values``, with both sides' values.

    Equality comparisons accept a difference up to ``tolerance`` (and floating-point noise).
    """
    left, right = evaluate(rule.left, values), evaluate(rule.right, values)
    if not (math.isfinite(left) and math.isfinite(right)):
        raise NotFinite(rule.text)
    slack = max(tolerance, 1e-9 * max(1.0, abs(left), abs(right)))
    if rule.comparator == "==":
        return abs(left - right) <= slack, left, right
    if rule.comparator == "!=":
        return abs(left - right) > slack, left, right
    if rule.comparator in ("<=", ">="):
        ok = left <= right + slack if rule.comparator == "<=" else left >= right - slack
        return ok, left, right
    return COMPARATORS[rule.comparator](left, right), left, right
