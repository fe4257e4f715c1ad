"""The HTML report's stylesheet: inline, no url(), @import or font file — the fonts are the
reader's own, CJK ones first; status and level colours that print as distinct greys."""

from __future__ import annotations

from collections.abc import Mapping

from medreform_check.render.calendar import LEVEL_COLOURS
from medreform_check.report import ReportStatus, Status

# Dark enough to print as distinct greys; the light tints are the badge backgrounds.
STATUS_COLOURS: Mapping[Status, tuple[str, str]] = {
    Status.MET: ("#1e7b34", "#e3f3e6"),
    Status.MET_LATE: ("#0b6e8a", "#e0f1f6"),
    Status.MISSED: ("#b42318", "#fbe7e5"),
    Status.UNREPORTED: ("#7a2e8e", "#f3e6f7"),
    Status.AT_RISK: ("#a15c00", "#fdf0da"),
    Status.PENDING: ("#52606d", "#eef0f2"),
    Status.WAIVED: ("#7b8794", "#f5f6f7"),
}


def stylesheet() -> str:
    statuses = "".join(
        f".st-{s.value}{{color:{ink};background:{tint};border-color:{ink}}}"
        for s, (ink, tint) in STATUS_COLOURS.items()
    )
    reports = "".join(
        f".rs-{s.value}{{color:{ink};background:{tint};border-color:{ink}}}"
        for s, (ink, tint) in (
            (ReportStatus.MISSING, STATUS_COLOURS[Status.MISSED]),
            (ReportStatus.LATE, STATUS_COLOURS[Status.AT_RISK]),
        )
    )
    levels = "".join(
        f".lv-{level.value}{{color:#{ink};background:#{tint};border-color:#{ink}}}"
        for level, (ink, tint) in LEVEL_COLOURS.items()
    )
    return _CSS + statuses + reports + levels + _LEVEL_CSS


_LEVEL_CSS = """
.level{display:inline-block;border:1px solid;border-radius:4px;padding:0 5px;margin-top:3px;
white-space:nowrap;font-size:13px;font-weight:600}
.changes ul{margin:4px 0 8px;padding-left:20px}
"""


# No url(), @import or font file: the fonts are the reader's own, CJK ones first.
_CSS = """
:root{--ink:#1f2933;--muted:#52606d;--rule:#cbd2d9;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans SC",system-ui,sans-serif;
color:var(--ink);-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;font-size:14px;line-height:1.45}
main{max-width:1080px;margin:0 auto;padding:24px}
header{border-bottom:3px solid var(--ink);padding-bottom:8px;margin-bottom:16px}
h1{font-size:21px;margin:0 0 6px;line-height:1.35}
h2{font-size:17px;margin:22px 0 8px;border-left:5px solid var(--ink);padding-left:8px}
h3{font-size:15px;margin:18px 0 6px}
h1,h2,h3,h2+.legend{break-after:avoid;page-break-after:avoid}
.facts{margin:0;color:var(--muted)}
.tiles{display:flex;flex-wrap:wrap;gap:8px}
.tile{border:1px solid;border-radius:6px;padding:6px 10px;min-width:92px;display:flex;
flex-direction:column;align-items:flex-start}
.tile .sym{font-size:16px}.tile b{font-size:22px;line-height:1.1}
.overall{font-weight:600}
.legend{color:var(--muted);font-size:12px;margin:4px 0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border-bottom:1px solid var(--rule);padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600;white-space:nowrap}
thead{display:table-header-group}
tr,tr.result{break-inside:avoid;page-break-inside:avoid}
td .title{font-weight:600;overflow-wrap:anywhere}
.meta,.notes,.days{color:var(--muted);font-size:12px}
.meta{overflow-wrap:anywhere}
.notes{font-style:italic}
.mark{font-weight:400;color:var(--muted)}
.badge{display:inline-block;border:1px solid;border-radius:4px;padding:0 5px;white-space:nowrap;
font-size:13px}
table.results{table-layout:fixed}
.results .c1{width:104px}.results .c3{width:116px}.results .c4{width:164px}.results .c5{width:174px}
.results td:nth-child(3){white-space:nowrap}
.rates .c1{width:40px}.rates td:nth-child(1){text-align:right}
.rates .c3{width:230px}.rates .c4,.rates .c5,.rates .c6{width:56px}
.rate{white-space:nowrap}.rate svg{vertical-align:middle}
.completions{margin:4px 0 0;padding-left:18px;font-size:12px}
svg.chart{display:inline-block;overflow:visible}
code{font-size:12px;word-break:break-all}
footer{margin-top:24px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule);
padding-top:6px}
@media screen and (max-width:900px){
main{padding:16px}
table.results,.results tbody{display:block}.results thead{display:none}
.results tr.result{display:grid;grid-template-columns:110px minmax(0,1fr) minmax(0,1fr);
grid-template-areas:"status task task" "due actual trend";column-gap:8px;
border-bottom:1px solid var(--rule);padding:4px 0}
.results td{border:0;padding:3px 4px;min-width:0}
.results td:nth-child(1){grid-area:status}.results td:nth-child(2){grid-area:task}
.results td:nth-child(3){grid-area:due;white-space:normal}
.results td:nth-child(4){grid-area:actual}.results td:nth-child(5){grid-area:trend}
.rates .c3{width:190px}}
@page{size:A4;margin:14mm 12mm}
@media print{body{font-size:10pt}main{max-width:none;padding:0}
section.group{break-inside:auto}
.summary{break-inside:avoid}th{background:#e4e7eb}
.tiles{flex-wrap:nowrap;gap:4px}.tile{min-width:0;flex:1;padding:3px 6px}.tile b{font-size:15pt}
.results .c1{width:74px}.results .c3{width:84px}.results .c4{width:140px}.results .c5{width:150px}
.results td:nth-child(4) svg.chart{width:128px;height:auto}
.results td:nth-child(5) svg.chart{width:136px;height:auto}
.badge{font-size:9pt}.meta,.notes,.days,.completions,.legend{font-size:8pt}
.rates .c3{width:190px}}
"""
