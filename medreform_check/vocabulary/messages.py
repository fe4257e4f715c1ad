"""Reasons kept as data (``Message``): why a submitted row was rejected or warned about, and
why a value did not parse — worded in English (as ``validate`` and the logs show them) and in
Chinese (for the 通报 and the spreadsheets).

A wording is a template whose ``{name}`` values are filled in (a value that is itself a
``Message`` is worded first, in the same language), or a function of the values where the
sentence changes with them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Wording = str | Callable[[Mapping[str, Any]], str]


def _cells(values: Mapping[str, Any]) -> str:
    count = int(values["count"])
    return f"the row has {count} cell{'' if count == 1 else 's'}, the header has {values['width']}"


_FIELDS: Mapping[str, Mapping[str, Wording]] = {
    # The columns of a submission, as the readers accept them and the templates head them.
    "field.unit": {"en": "unit", "zh": "单位"},
    "field.period": {"en": "period", "zh": "报告期"},
    "field.indicator": {"en": "indicator", "zh": "指标"},
    "field.task": {"en": "task", "zh": "任务"},
    "field.value": {"en": "value", "zh": "数值"},
    "field.done": {"en": "done", "zh": "是否完成"},
    "field.completed_on": {"en": "completed_on", "zh": "完成日期"},
    "field.as_of": {"en": "as_of", "zh": "截至日期"},
    "field.evidence": {"en": "evidence", "zh": "佐证材料"},
    "field.note": {"en": "note", "zh": "备注"},
    "field.submitted": {"en": "submitted", "zh": "提交日期"},
}

_PARSING: Mapping[str, Mapping[str, Wording]] = {
    "text": {"en": "{text}", "zh": "{text}"},  # words from elsewhere (a library), as they are
    "list": {
        "en": lambda v: "; ".join(v["items"]),
        "zh": lambda v: "；".join(v["items"]),
    },
    "number.not_finite": {"en": "{number} is not a finite number", "zh": "{number}不是有限数值"},
    "number.got": {"en": "expected a number, got {value}", "zh": "应为数字，实际为{value}"},
    "number.int_too_large": {"en": "number is too large", "zh": "数字过大"},
    "number.expected": {"en": "expected a number", "zh": "应为数字"},
    "number.unit": {
        "en": "{raw} has unit {unit} (expected {expected})",
        "zh": "{raw}的单位为{unit}（应为{expected}）",
    },
    "number.unit_or_none": {"en": "'{unit}' or no unit", "zh": "“{unit}”或不带单位"},
    "number.no_unit": {"en": "no unit", "zh": "不带单位"},
    "number.not_a_number": {"en": "{raw} is not a number", "zh": "{raw}不是数字"},
    "number.too_large": {"en": "{raw} is too large a number", "zh": "{raw}数值过大"},
    "done.not_yes_no": {
        "en": "{raw} is not a yes/no answer "
        "(expected true/false, yes/no, 1/0, 是/否 or 完成/未完成)",
        "zh": "{raw}不是“是/否”的回答（应为true/false、yes/no、1/0、是/否或完成/未完成）",
    },
    "composition.unknown_parts": {
        "en": "unknown part(s) {parts} (expected {expected})",
        "zh": "未知的组成部分{parts}（应为{expected}）",
    },
    "composition.missing_parts": {"en": "missing part(s) {parts}", "zh": "缺少组成部分{parts}"},
    "composition.count": {
        "en": "{raw} has {count} part(s), expected {expected} ({names})",
        "zh": "{raw}有{count}个部分，应为{expected}个（{names}）",
    },
    "composition.expected": {
        "en": "expected {count} values such as '50:30:20' or a mapping of parts",
        "zh": "应为{count}个数值，如“50:30:20”，或各组成部分的映射",
    },
    "composition.negative": {
        "en": "composition parts cannot be negative",
        "zh": "各组成部分不能为负数",
    },
    "composition.zero": {"en": "composition parts add up to zero", "zh": "各组成部分之和为零"},
    "year.range": {
        "en": "year {year} is out of range (expected {low}–{high})",
        "zh": "年份{year}超出范围（应为{low}–{high}）",
    },
    "date.not_calendar": {"en": "{date} is not a calendar date", "zh": "{date}不是有效日期"},
    "month.range": {
        "en": "month {month} is not between 1 and 12",
        "zh": "月份{month}不在1至12之间",
    },
    "period.expected": {
        "en": "expected a period such as 2024, 2024-H1, 2024-Q2, 2024-06, 2024年上半年, "
        "2024年第二季度 or 2024年6月",
        "zh": "应为报告期，如2024、2024-H1、2024-Q2、2024-06、2024年上半年、"
        "2024年第二季度或2024年6月",
    },
    "period.not": {
        "en": "{raw} is not a period (expected 2024, 2024-H1, 2024-Q2, 2024-06, 2024年上半年, "
        "2024年第二季度 or 2024年6月)",
        "zh": "{raw}不是报告期（应为2024、2024-H1、2024-Q2、2024-06、2024年上半年、"
        "2024年第二季度或2024年6月）",
    },
    "date.expected": {
        "en": "expected a date such as 2024-05-31, 2024/5/31 or 2024年5月31日",
        "zh": "应为日期，如2024-05-31、2024/5/31或2024年5月31日",
    },
    "date.not": {
        "en": "{raw} is not a date (expected 2024-05-31, 2024/5/31 or 2024年5月31日)",
        "zh": "{raw}不是日期（应为2024-05-31、2024/5/31或2024年5月31日）",
    },
    "deadline.expected": {
        "en": "expected a deadline such as 2024-05-31, 2024-05, 2024-Q2, 2024-H1, 2024, "
        "2023年底, 2024年5月底前, 2024年上半年, 2024年第二季度 or 到2025年",
        "zh": "应为期限，如2024-05-31、2024-05、2024-Q2、2024-H1、2024、2023年底、2024年5月底前、"
        "2024年上半年、2024年第二季度或到2025年",
    },
    "deadline.not": {
        "en": "{raw} is not a deadline (expected 2024-05-31, 2024-05, 2024-Q2, 2024-H1, 2024, "
        "2023年底, 2024年5月底前, 2024年上半年, 2024年第二季度 or 到2025年)",
        "zh": "{raw}不是期限（应为2024-05-31、2024-05、2024-Q2、2024-H1、2024、2023年底、"
        "2024年5月底前、2024年上半年、2024年第二季度或到2025年）",
    },
}

_ROWS: Mapping[str, Mapping[str, Wording]] = {
    "row.field": {"en": "{field}: {reason}", "zh": "{field}：{reason}"},
    "row.did_you_mean": {"en": " (did you mean '{name}'?)", "zh": "（是否为“{name}”？）"},
    "row.no_unit": {
        "en": "no unit given (a 'unit' column, or 'unit:' at the top of the file)",
        "zh": "未填写单位（需要“单位”列，或文件开头的“unit:”）",
    },
    "row.unknown_unit": {"en": "unknown unit {name}{hint}", "zh": "未知单位{name}{hint}"},
    "row.unknown_task": {"en": "unknown task {name}{hint}", "zh": "未知任务{name}{hint}"},
    "row.unknown_indicator": {
        "en": "unknown indicator {name}{hint}",
        "zh": "未知指标{name}{hint}",
    },
    "row.no_value": {"en": "no value given for {id}", "zh": "未填写{id}的数值"},
    "row.value_outside": {
        "en": "value {value} is outside {range} for {name} ({id})",
        "zh": "数值{value}超出{name}（{id}）的范围{range}",
    },
    "row.not_whole": {
        "en": "{id} is a whole number; got {value}",
        "zh": "{id}应为整数，实际为{value}",
    },
    "row.not_owner": {
        "en": "unit '{unit}' does not report on task '{task}'",
        "zh": "单位“{unit}”不负责报送任务“{task}”",
    },
    "row.undated": {
        "en": "no period or as_of given: the value cannot be dated",
        "zh": "未填写报告期或截至日期，无法确定数值的日期",
    },
    "row.no_subject": {
        "en": "the row names neither an indicator nor a task",
        "zh": "该行既未填写指标，也未填写任务",
    },
    "row.blank": {
        "en": "left blank: nothing reported for {subject}",
        "zh": "未填写：{subject}没有报送数据",
    },
    "row.wrong_indicator": {
        "en": "task '{task}' is measured by {measure}, not {indicator}",
        "zh": "任务“{task}”的衡量指标是{measure}，不是{indicator}",
    },
    "row.completion": {"en": "completion", "zh": "完成情况"},
    "row.done_undated": {
        "en": "reported done but completed_on is missing",
        "zh": "已报完成，但未填写完成日期",
    },
    "row.task_done_undated": {
        "en": "task '{task}' is reported done but completed_on is missing",
        "zh": "任务“{task}”已报完成，但未填写完成日期",
    },
    "row.needs_done": {
        "en": "milestone task '{task}' needs 'done' (yes/no)",
        "zh": "节点任务“{task}”需要填写“是否完成”（是/否）",
    },
    "row.needs_evidence": {
        "en": "task '{task}' requires evidence (佐证材料) for a completion",
        "zh": "任务“{task}”报完成须附佐证材料",
    },
    "row.cells": {"en": _cells, "zh": "该行有{count}个单元格，表头有{width}个"},
    "row.file_has_errors": {
        "en": "not read: the file has errors (see line {line})",
        "zh": "未读取：文件有错误（见第{line}行）",
    },
    "row.header_has_errors": {
        "en": "not read: the header row has errors (see line {line})",
        "zh": "未读取：表头有错误（见第{line}行）",
    },
}

_FILES: Mapping[str, Mapping[str, Wording]] = {
    "file.empty_table": {
        "en": "the file is empty (expected a header row)",
        "zh": "文件为空（应有表头行）",
    },
    "file.empty_sheet": {
        "en": "the sheet is empty (expected a header row)",
        "zh": "工作表为空（应有表头行）",
    },
    "csv.header": {"en": "not a CSV header row: {reason}", "zh": "无法读取CSV表头：{reason}"},
    "csv.row": {"en": "unreadable CSV row: {reason}", "zh": "无法读取的CSV行：{reason}"},
    "csv.cell_too_long": {
        "en": "a cell is longer than {limit} characters",
        "zh": "单元格超过{limit}个字符",
    },
    "column.unused": {
        "en": "column '{column}' is not used (known columns: {known})",
        "zh": "“{column}”列未使用（可识别的列：{known}）",
    },
    "column.repeated": {
        "en": "column '{column}' repeats '{field}'",
        "zh": "“{column}”列与“{field}”重复",
    },
    "header.no_known_column": {
        "en": "no known column in the header row",
        "zh": "表头中没有可识别的列",
    },
    "xlsx.not_workbook": {
        "en": "not an Excel workbook (.xlsx): {detail}",
        "zh": "不是Excel工作簿（.xlsx）：{detail}",
    },
    "xlsx.damaged": {"en": "a damaged workbook: {detail}", "zh": "工作簿已损坏：{detail}"},
    "xlsx.damaged_here": {
        "en": "the workbook is damaged here; nothing from this line on was read: {detail}",
        "zh": "工作簿自此处损坏，此行及以后的内容均未读取：{detail}",
    },
    "xlsx.formula": {
        "en": "cell {cell} holds a formula ({formula}); formulas are never evaluated: "
        "enter the value itself",
        "zh": "单元格{cell}含有公式（{formula}），公式不会被计算：请直接填写数值",
    },
}

_CHECKS: Mapping[str, Mapping[str, Wording]] = {
    "check.zero_divisor": {
        "en": "check '{check}' skipped for {day}: it divides by {divisor}, which is zero",
        "zh": "检查“{check}”在{day}未执行：除数{divisor}为零",
    },
    "check.failed": {
        "en": "check '{check}': {message} ({rule}: {left} {comparator} {right} is false)",
        "zh": "检查“{check}”：{message}（{rule}：{left} {comparator} {right} 不成立）",
    },
}

# --- issue 17: rates computed from their numerator and denominator (loading/ratios.py) -----
_RATIOS: Mapping[str, Mapping[str, Wording]] = {
    "ratio.zero": {
        "en": "{id}: the denominator {of} is 0, so no rate is computed from "
        "{numerator} ÷ {denominator}",
        "zh": "{id}：分母{of}为0，无法由{numerator} ÷ {denominator}计算比率",
    },
    "ratio.outside": {
        "en": "{id} computed from this row, 100 × {numerator} ÷ {denominator} = {value}, "
        "is outside {range}",
        "zh": "由本行计算的{id}（100 × {numerator} ÷ {denominator} = {value}）超出范围{range}",
    },
    "ratio.disagrees": {
        "en": "{id} reported as {reported}, but 100 × {numerator} ÷ {denominator} = {value}: "
        "the computed rate is used",
        "zh": "{id}填报为{reported}，但100 × {numerator} ÷ {denominator} = {value}，采用计算值",
    },
    "ratio.rate_rejected": {
        "en": "the rate {id} computed from this row was rejected ({at})",
        "zh": "由本行计算的{id}未通过一致性检查（{at}）",
    },
}

# --- issue 13 (outputs branch): numbers as YAML 1.1 would read them, non-finite results ----
_WRITTEN_FORMS: Mapping[str, Mapping[str, Wording]] = {
    "number.hexadecimal": {
        "en": "{raw} is not a number: hexadecimal is not read (write {value})",
        "zh": "{raw}不是数字：不读十六进制（请写{value}）",
    },
    "number.underscores": {
        "en": "{raw} is not a number: write it without '_' ({value})",
        "zh": "{raw}不是数字：请去掉“_”（{value}）",
    },
    "number.colons": {
        "en": "{raw} is not a number (colons separate the parts of a composition, as in 50:30:20)",
        "zh": "{raw}不是数字（冒号用于分隔结构比例的各部分，如50:30:20）",
    },
    "number.over_limit": {
        "en": "{raw} is too large a number (the limit is {limit} either side of zero)",
        "zh": "{raw}数值过大（绝对值上限为{limit}）",
    },
    "check.not_finite": {
        "en": "check '{check}' skipped for {day}: its result is not a finite number",
        "zh": "检查“{check}”在{day}未执行：结果不是有限数值",
    },
}

# --- reading submissions: streaming, limits, layouts (issues 13, 15, 16) -------------------
_READING: Mapping[str, Mapping[str, Wording]] = {
    "csv.undecodable_line": {
        "en": "byte {byte} at column {col} is not {encoding} text; this line was not read",
        "zh": "第{col}列的字节{byte}不是{encoding}文本，此行未读取",
    },
    "csv.stray_quote": {
        "en": "a quote opens a cell here and is not closed where the row ends; this line is "
        "rejected and the lines after it are read as rows of their own",
        "zh": "此处单元格以引号开头但在行末未闭合：此行被拒收，其后各行按各自的行读取",
    },
    "names.shared": {
        "en": " ('{name}' names more than one: {ids}; write the id)",
        "zh": "（“{name}”同时是多个对象的名称：{ids}；请写编号）",
    },
    "names.look_alike": {
        "en": " (it contains {chars}; did you mean '{name}'?)",
        "zh": "（其中含有{chars}；是否为“{name}”？）",
    },
    "sheet.no_header": {
        "en": "no header row in its first 20 rows (a row naming two known columns, "
        "indicators or units)",
        "zh": "前20行中没有表头（表头应至少有两格为已知的列名、指标或单位）",
    },
    "column.no_heading": {
        "en": "column {column} has no heading; its cells are not read",
        "zh": "第{column}列没有表头，其单元格未读取",
    },
    "row.only_unknown_columns": {
        "en": "the row's only value is in column {column}, whose heading names nothing known",
        "zh": "该行唯一的数值位于第{column}列，而该列表头无法识别",
    },
    "xlsx.doctype": {
        "en": "the workbook part {part} declares a DOCTYPE (entities); refused, never expanded",
        "zh": "工作簿部件{part}含有DOCTYPE声明（实体），已拒绝读取，不予展开",
    },
    "limit.shared_strings": {
        "en": "the workbook has more than {limit} shared strings; not read",
        "zh": "工作簿的共享字符串超过{limit}个，未读取",
    },
    "limit.cells": {
        "en": "the sheet spans {span} ({cells} cells); the limit is {limit} cells, so it "
        "was not read",
        "zh": "工作表范围为{span}（{cells}个单元格），超过{limit}个单元格的上限，未读取",
    },
    "xlsx.merged": {
        "en": "cells {cells} are merged; only the merge's first cell holds the number",
        "zh": "单元格{cells}为合并单元格，数值只在合并区域的第一个单元格中",
    },
    "workbook.unreadable": {
        "en": "not a workbook that can be read ({kind}): {detail}",
        "zh": "无法读取的工作簿（{kind}）：{detail}",
    },
    "skip.lock_file": {
        "en": "an editor's lock file (the workbook is open somewhere); ignored",
        "zh": "编辑器的锁定文件（该工作簿正在别处打开），已忽略",
    },
    "skip.wps": {
        "en": "a WPS spreadsheet (.et): save it as .xlsx",
        "zh": "WPS表格文件（.et）：请另存为.xlsx",
    },
    "skip.macro": {
        "en": "a macro workbook (.xlsm) is not read: save it as .xlsx",
        "zh": "不读取含宏的工作簿（.xlsm）：请另存为.xlsx",
    },
    "skip.binary": {
        "en": "a binary workbook (.xlsb) is not read: save it as .xlsx",
        "zh": "不读取二进制工作簿（.xlsb）：请另存为.xlsx",
    },
    "skip.numbers": {
        "en": "a Numbers file: export it as .xlsx or .csv",
        "zh": "Numbers文件：请导出为.xlsx或.csv",
    },
    "skip.document": {
        "en": "a document, not a submission (submissions are tables: .csv, .xlsx, .xls, "
        ".ods, or YAML)",
        "zh": "这是文档而非报表（报表应为.csv、.xlsx、.xls、.ods或YAML）",
    },
    "skip.other_kind": {
        "en": "not a kind of file submissions come in (expected {expected})",
        "zh": "不是报表文件类型（应为{expected}）",
    },
    "skip.dangling_link": {
        "en": "a symbolic link to nothing",
        "zh": "指向不存在目标的符号链接",
    },
    "skip.link_loop": {
        "en": "a symbolic link back into a folder already being read ({target}): a loop",
        "zh": "符号链接指回正在读取的文件夹（{target}），形成循环",
    },
    "skip.unreadable_folder": {
        "en": "a folder that cannot be opened: {why}",
        "zh": "无法打开的文件夹：{why}",
    },
    "skip.not_a_file": {
        "en": "not a regular file (a device, a pipe or a socket)",
        "zh": "不是普通文件（设备、管道或套接字）",
    },
    "row.as_of_after_period": {
        "en": "as_of {as_of} is after the end of the period {period} ({end})",
        "zh": "截至日期{as_of}晚于报告期{period}的结束日（{end}）",
    },
    "row.duplicate_value": {
        "en": "the same unit, subject and date as line {line} of this file; this later row "
        "({value}) counts",
        "zh": "与本文件第{line}行的单位、指标（任务）和日期相同；以本行（{value}）为准",
    },
    "row.conflicting_value": {
        "en": "{file} reported {value} for the same unit, indicator and date; {kept} from "
        "{kept_file} counts (the later submitted)",
        "zh": "{file}对同一单位、指标和日期报送了{value}；"
        "以{kept_file}的{kept}为准（提交日期较晚）",
    },
    "row.rate_looks_fractional": {
        "en": "{value} looks like a fraction: a rate is in percent points (did you mean "
        "{percent}?)",
        "zh": "{value}像是小数：比例以百分数计（是否应为{percent}？）",
    },
    "row.cumulative_decrease": {
        "en": "a running total that decreases: {value} after {earlier} on {day} in the same year",
        "zh": "累计值减少：同年{day}为{earlier}，此处为{value}",
    },
    "limit.rows": {
        "en": "the file has more than {limit} rows; the rest was not read "
        "(split it by period or unit)",
        "zh": "文件超过{limit}行，其余部分未读取（请按报告期或单位拆分）",
    },
}

MESSAGES: Mapping[str, Mapping[str, Wording]] = {
    **_WRITTEN_FORMS,
    **_FIELDS,
    **_PARSING,
    **_ROWS,
    **_FILES,
    **_CHECKS,
    **_RATIOS,
    **_READING,
}
