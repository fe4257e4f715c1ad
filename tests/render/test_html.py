"""The HTML report, read back with ``html.parser``: structure, escaping, self-containment,
charts, and the same verdicts as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from medreform_check.errors import Location
from medreform_check.model import RowIssue
from medreform_check.render import RenderOptions, renderer
from medreform_check.report import Report

from helpers import ROOT, demo_audit, done, obs, plan, run, run_cli, task

VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str, **attrs: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(
                    v in child.attrs.get(k.rstrip("_"), "").split() for k, v in attrs.items()
                ):
                    found.append(child)
                found += child.all(tag, **attrs)
        return found

    def elements(self) -> list[Node]:
        nodes = [c for c in self.children if isinstance(c, Node)]
        return nodes + [e for n in nodes for e in n.elements()]


class TreeBuilder(HTMLParser):
    """A strict little DOM: every non-void element must be closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.errors == [] and builder.stack == [builder.root], builder.errors
    return builder.root


def html_of(report: Report, lang: str = "en") -> str:
    text = renderer("audit", "html")(report, RenderOptions(lang=lang))
    assert isinstance(text, str)
    return text


def sample_report() -> Report:
    """Three tasks worked out by hand as of 2024-06-30:

    - level-up (lead a): level 2 then 3 by 2023-12-31, target >= 3 → met;
    - rate-up (lead b): 50% on 2024-03-31, target >= 80 by 2024-12-31 → pending;
    - centre (lead b, a milestone for a and b, due 2024-05-31): a done 2024-05-20, b not
      done → missed, 30 days overdue.
    """
    the_plan = plan(
        task("level-up", indicator="level", target=">= 3", deadline="2023-12-31", lead="a",
             section="一、信息化"),
        task("rate-up", indicator="rate", target=">= 80", deadline="2024-12-31", lead="b",
             section="二、服务"),
        task("centre", title="建成一站式服务中心", deadline="2024-05-31", owners=("a", "b"),
             lead="b", section="二、服务"),
    )  # fmt: skip
    rows = [
        obs("a", "level", 2, "2023-06-30"),
        obs("a", "level", 3, "2023-12-31"),
        obs("a", "rate", 50, "2024-03-31"),
        done("a", "centre", "2024-05-20", "2024-05-31", evidence="院发〔2024〕7号"),
        done("b", "centre", None, "2024-05-31", is_done=False),
    ]
    return run(the_plan, rows, "2024-06-30")


def row(doc: Node, task_id: str) -> Node:
    (found,) = [r for r in doc.all("tr", class_="result") if r.attrs["data-task"] == task_id]
    return found


def cells(tr: Node) -> list[Node]:
    return [c for c in tr.children if isinstance(c, Node) and c.tag == "td"]


def test_the_page_is_a_whole_document_with_a_print_stylesheet() -> None:
    doc = parse(html_of(sample_report(), "zh"))
    (html,) = doc.all("html")
    assert html.attrs["lang"] == "zh-CN"
    assert doc.all("meta", charset="utf-8")
    (style,) = doc.all("style")
    css = style.text()
    assert "@media print" in css and "@page{size:A4" in css
    assert '"Noto Sans CJK SC"' in css and "Microsoft YaHei" in css  # CJK fonts first
    (h1,) = doc.all("h1")
    assert h1.text() == "测试方案"
    assert "截至2024-06-30" in doc.all("header")[0].text()


def test_summary_counts_and_ranking_are_the_hand_worked_ones() -> None:
    doc = parse(html_of(sample_report()))
    tiles = {
        t.attrs["class"].split()[1]: t.all("b")[0].text() for t in doc.all("div", class_="tile")
    }
    assert tiles == {
        "st-met": "1", "st-met_late": "0", "st-missed": "1", "st-unreported": "0",
        "st-at_risk": "0", "st-pending": "1", "st-waived": "0",
    }  # fmt: skip
    assert "Due by now: 2; met: 1 (50%)." in doc.all("p", class_="overall")[0].text()
    ranking, sections, units = doc.all("table", class_="rates")
    names = [(cells(tr)[1].text(), cells(tr)[2].all("b")[0].text()) for tr in ranking.all("tr")[1:]]
    assert names == [("单位a", "100%"), ("单位b", "0%")]  # a met its one; b missed its one
    assert [cells(tr)[1].text() for tr in sections.all("tr")[1:]] == ["一、信息化", "二、服务"]
    # Units: a owns level-up (met) and its part of centre (done): 2 of 2; rate-up is not due.
    # b's part of centre is not done: 0 of 1, overdue.
    found = [
        [cells(tr)[1].text(), cells(tr)[2].all("b")[0].text(), *(c.text() for c in cells(tr)[3:])]
        for tr in units.all("tr")[1:]
    ]
    assert found == [["单位a", "100%", "2", "2", "0"], ["单位b", "0%", "0", "1", "1"]]
    assert units.all("svg")  # a bar for each unit, like the lead ranking


def test_each_status_is_a_symbol_and_a_word_not_only_a_colour() -> None:
    doc = parse(html_of(sample_report()))
    assert cells(row(doc, "level-up"))[0].text() == "✓ met"
    missed = cells(row(doc, "centre"))[0].text()
    assert missed.startswith("✗ missed") and "30 days overdue" in missed
    assert cells(row(doc, "rate-up"))[0].text() == "◌ pending"


def test_milestones_show_each_completion_and_its_evidence() -> None:
    doc = parse(html_of(sample_report()))
    items = [li.text() for li in row(doc, "centre").all("li")]
    assert items == [
        "单位a: completed 2024-05-20; evidence: 院发〔2024〕7号",
        "单位b: not done; no evidence given",
    ]


def test_a_trend_line_is_drawn_where_there_is_history_and_only_there() -> None:
    doc = parse(html_of(sample_report()))
    # level 2 on 2023-06-30 and 3 on 2023-12-31, target 3, deadline 2023-12-31: the plot is
    # the left 120 of 160 px, its x axis 6 → 114 over the 184 days; y spans 2 − 0.12 to
    # 3 + 0.12 over 38 → 6, so y(2) = 38 − 0.12/1.24·32 = 34.9 and y(3) = 38 − 1.12/1.24·32 = 9.1.
    trend = cells(row(doc, "level-up"))[4]
    (svg,) = trend.all("svg")
    (line,) = svg.all("polyline")
    assert line.attrs["points"] == "6,34.9 114,9.1"
    dashed = [ln.attrs for ln in svg.all("line")]
    assert {"x1": "114", "x2": "114"}.items() <= dashed[0].items()  # the deadline
    assert dashed[1]["y1"] == dashed[1]["y2"] == "9.1"  # the target, through the last point
    # The highest and lowest values are written at the right, level with their lines (the
    # baseline 0.35 of the 11 px font below): 9.1 + 3.85 = 12.95 and 34.9 + 3.85 = 38.75.
    labels = [(t.text(), t.attrs["x"], t.attrs["y"]) for t in svg.all("text")]
    assert labels == [("3", "123", "12.95"), ("2", "123", "38.75")]
    assert "2023-06-30 2; 2023-12-31 3" in svg.all("title")[0].text()
    one_point = cells(row(doc, "rate-up"))[4].all("svg")[0]
    assert not one_point.all("polyline") and len(one_point.all("circle")) == 1
    assert cells(row(doc, "centre"))[4].all("svg") == []  # a milestone has no trend


def test_the_actual_is_drawn_against_the_target() -> None:
    doc = parse(html_of(sample_report()))
    # 50% of a 0–100 scale 146 wide from x = 2: the bar ends at 75; the target 80 at 118.8.
    (svg,) = cells(row(doc, "rate-up"))[3].all("svg")
    bar = svg.all("rect")[-1]
    assert (bar.attrs["x"], bar.attrs["width"]) == ("2", "73")
    (tick,) = svg.all("line")
    assert tick.attrs["x1"] == tick.attrs["x2"] == "118.8"
    assert svg.attrs["aria-label"] == "actual 50%, target >= 80"


def test_a_negative_value_is_a_short_bar_left_of_zero() -> None:
    from medreform_check.language.targets import parse_target
    from medreform_check.render.svg import meter

    # −2.8 % against >= 0 on a percent scale: the axis runs −(2.8 + 6.168) to 100, the room
    # being 6 % of the 102.8 points spanned; 146 px over 108.968 points puts zero at
    # x = 2 + 8.968/108.968·146 = 14.02 and −2.8 at 2 + 6.168/108.968·146 = 10.26 — a 3.75 px
    # bar ending at the zero line, not a bar across the track that would read as almost met.
    svg = parse(meter(-2.8, parse_target(">= 0"), "#a15c00", "label", percent=True))
    (bar,) = svg.all("rect", class_="bar")
    assert (bar.attrs["x"], bar.attrs["width"]) == ("10.26", "3.75")
    (zero,) = svg.all("line", class_="zero")
    (target,) = svg.all("line", class_="target")
    assert zero.attrs["x1"] == target.attrs["x1"] == "14.02"
    # Not a percentage: the positive side is as long as the negative, zero in the middle.
    svg = parse(meter(-2.8, parse_target(">= 0"), "#a15c00", "label", percent=False))
    (bar,) = svg.all("rect", class_="bar")
    (zero,) = svg.all("line", class_="zero")
    # ±(2.8 + 0.336): zero at 2 + 146/2 = 75
    assert zero.attrs["x1"] == "75"
    assert float(bar.attrs["x"]) + float(bar.attrs["width"]) == pytest.approx(75)


HOSTILE = "</td><script>alert(1)</script>"


def hostile_report() -> Report:
    the_plan = plan(
        task("t", title=HOSTILE, indicator="rate", target=">= 80", deadline="2024-03-31",
             section="<u>节</u>", lead="a"),
        task("m", title="m", deadline="2024-03-31"),
    )  # fmt: skip
    rows = [
        obs("a", "rate", 90, "2024-03-31"),
        done("a", "m", "2024-03-01", "2024-03-31", evidence='<iframe src="//evil">'),
    ]
    report = run(the_plan, rows, "2024-06-30")
    rejected = RowIssue(Location('x"<y>.csv', 3, 1), '"><img src=x onerror=alert(1)>', "<u>why")
    return replace(
        report,
        plan_titles={"p": "<script>steal()</script>"},
        unit_names={"a": '"><img src=x onerror=alert(1)>'},
        rejected=(rejected,),
    )


def test_everything_from_input_is_escaped() -> None:
    text = html_of(hostile_report())
    doc = parse(text)
    tags = {e.tag for e in doc.elements()}
    assert not tags & {"script", "img", "iframe", "u"}
    assert not [a for e in doc.elements() for a in e.attrs if a.startswith("on")]
    body = doc.text()
    for raw in (
        HOSTILE,
        "<script>steal()</script>",
        "<u>节</u>",
        '<iframe src="//evil">',
        "<u>why",
    ):
        assert raw in body  # shown as text, exactly as written
    assert doc.all("title")[0].text().startswith("<script>steal()</script>")


def test_nothing_is_fetched_from_anywhere() -> None:
    for text in (html_of(hostile_report()), demo_audit("html")):
        doc = parse(text)
        for element in doc.elements():
            assert not {"src", "href", "xlink:href", "srcset", "action", "poster"} & set(
                element.attrs
            ), element
            assert not any("//" in v for v in element.attrs.values()), element
        assert not doc.all("script") and not doc.all("link")
        css = doc.all("style")[0].text()
        assert "url(" not in css and "@import" not in css
    assert "http:" not in text and "https:" not in text


def test_rejected_rows_and_missing_reports_close_the_report() -> None:
    doc = parse(demo_audit("html"))
    headings = [h.text() for h in doc.all("h2")]
    # The demo folder's README.md is not a submission: listed last, as skipped.
    assert headings[-2:] == ["Reporting", "Skipped files and sheets"]
    # As worked out in tests/plans/test_demo_audit.py: 示范区财政局 never reports (missing
    # 2023-Q3, Q4, 2024-Q1), 基层党建办 reported only for Q4 (missing Q3 and Q1); late are
    # 乌斯太 2023-Q3, 巴彦木仁 2023-Q4 and 2024-Q1, 财政金融局 2024-Q1.
    (late,) = doc.all("table", class_="late")
    found = [(cells(tr)[1].text(), cells(tr)[4].text()) for tr in late.all("tr")[1:]]
    assert sorted(found) == sorted(
        [("2023-Q3", "late"), ("2023-Q3", "missing"), ("2023-Q3", "missing"),
         ("2023-Q4", "late"), ("2023-Q4", "missing"),
         ("2024-Q1", "late"), ("2024-Q1", "late"), ("2024-Q1", "missing"), ("2024-Q1", "missing")]
    )  # fmt: skip
    with_rejects = parse(html_of(hostile_report()))
    assert [h.text() for h in with_rejects.all("h2")][-1] == "Rejected rows"
    (issues,) = with_rejects.all("table", class_="issues")
    assert cells(issues.all("tr")[1])[0].text() == 'x"<y>.csv:3:1'


def test_the_html_carries_the_json_verdicts() -> None:
    verdicts = json.loads(demo_audit("json"))
    expected = [(r["task"], r["period"] or r["deadline"], r["status"]) for r in verdicts["results"]]
    doc = parse(demo_audit("html"))
    found = [
        (tr.attrs["data-task"], tr.attrs["data-due"], tr.attrs["data-status"])
        for tr in doc.all("tr", class_="result")
    ]
    # Grouped by section in the page, so compared as a whole rather than in order.
    assert sorted(found) == sorted(expected) and len(found) == len(expected)
    # The CLI computes trend points for HTML: the demo has tasks with several reports.
    assert len(doc.all("polyline")) >= 10


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audit_writes_the_html_file(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.html"
    argv = ["audit", str(ROOT / "plans"), "-s", str(ROOT / "examples" / "submissions"),
            "--as-of", "2024-06-30", "--format", "html", "--output", str(out), "--lang", lang]  # fmt: skip
    result = run_cli(argv)
    assert result.exit_code == 1, result.output  # the demo has overdue tasks
    doc = parse(out.read_text(encoding="utf-8"))
    assert doc.all("html")[0].attrs["lang"] == ("zh-CN" if lang == "zh" else "en")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
