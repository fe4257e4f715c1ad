"""Codes found while a file is read, before any rule runs: documented here, emitted by loaders."""

from medreform_check.errors import Severity
from medreform_check.lint.rule import FindingCode, loader_code

E, W = Severity.ERROR, Severity.WARNING

LOADER_CODES: tuple[FindingCode, ...] = (
    loader_code(
        "encoding",
        E,
        """The file is not UTF-8 text (a YAML file) or not UTF-8 or GB18030 (a CSV file).
        Example: a plan saved as GBK from a Windows editor""",
    ),
    loader_code(
        "empty-file",
        E,
        """The file is empty.
        Example: a zero-byte plans/new.yaml""",
    ),
    loader_code(
        "yaml-syntax",
        E,
        """The file is not valid YAML.
        Example: `owners: [a, b` (the list is never closed)""",
    ),
    loader_code(
        "yaml-tag",
        E,
        """A YAML tag asks for something other than plain values; it is refused, never run.
        Example: `x: !!python/object/apply:os.system [ls]`""",
    ),
    loader_code(
        "yaml-too-deep",
        E,
        """Values are nested deeper than 64 levels.
        Example: `[[[[[[ … ]]]]]]` a thousand levels deep""",
    ),
    loader_code(
        "yaml-too-large",
        E,
        """Aliases expand to more than two million values (an "alias bomb").
        Example: `b: [*a, *a, *a, *a, *a, *a, *a, *a, *a]`, nested nine times""",
    ),
    loader_code(
        "file-too-large",
        E,
        """The file is larger than medreform-check reads: 8 MB for YAML, 2 GiB unpacked for a
        workbook (CSV streams, and is bounded by its rows instead).
        Example: a 20 MB YAML submission (send it as CSV)""",
    ),
    loader_code(
        "too-many-rows",
        E,
        """A CSV file or sheet with more rows than one file may have (20 million — a nation's
        year is 12 million values); the rows before the limit are read.
        Example: a 30-million-row export (split it by period or unit)""",
    ),
    loader_code(
        "too-many-cells",
        E,
        """A sheet spanning more cells than a sheet may (20 million), or a workbook with more
        than 5 million shared strings: refused before it is loaded, the limit named.
        Example: a 5 KB workbook with one cell at XFD1048576 (17 billion cells)""",
    ),
    loader_code(
        "duplicate-key",
        E,
        """A mapping repeats a key; YAML would silently keep the last value.
        Example: a task with `deadline: 2024-05-31` and, two lines later, `deadline: 2025-12-31`""",
    ),
    loader_code(
        "schema",
        E,
        """The file breaks its JSON Schema: a missing, unknown or mistyped key.
        Example: `deadlin: 2024` (did you mean 'deadline'?)""",
    ),
    loader_code(
        "bad-date",
        E,
        """A date that is not a calendar date.
        Example: `from: 2023-02-30`""",
    ),
    loader_code(
        "bad-deadline",
        E,
        """A deadline in none of the accepted forms.
        Example: `deadline: 明年`""",
    ),
    loader_code(
        "bad-target",
        E,
        """A target in none of the accepted forms.
        Example: `target: 80` (no comparison: write '>= 80' or '不低于80%')""",
    ),
    loader_code(
        "bad-period",
        E,
        """The plan period ends before it starts.
        Example: `period: {start: 2025-01-01, end: 2023-12-31}`""",
    ),
    loader_code(
        "ambiguous-deadline",
        W,
        """`2025年前` may mean before 2025 or by the end of 2025; it is read as 2025-12-31.
        Example: `deadline: 2025年前`""",
    ),
    loader_code(
        "duplicate-id",
        E,
        """Two tasks, units, indicators or checks share an id.
        Example: two tasks with `id: emr-level`""",
    ),
    loader_code(
        "unknown-kind",
        E,
        """A YAML file that is not a plan, catalogue, checks or submission file.
        Example: a file whose top level has none of `plan`, `indicators`, `checks`, `values`""",
    ),
    # Submission rows: each rejected row carries one of these codes.
    loader_code(
        "row-unknown",
        E,
        """A row names a unit, indicator or task that no plan or catalogue defines.
        Example: `unit: 综合医院` when the plan's unit is named 高新区综合医院""",
        scope="submission",
    ),
    loader_code(
        "row-not-owner",
        E,
        """A unit reports on a task it is not responsible for.
        Example: 巴彦木仁卫生院 reporting the hospital's `one-stop-centre`""",
        scope="submission",
    ),
    loader_code(
        "row-value",
        E,
        """A value that cannot be used: not a number, outside the indicator's bounds,
        a fraction where a whole number is required, a bad composition or yes/no answer.
        Example: `value: 120` for a rate (0–100)""",
        scope="submission",
    ),
    loader_code(
        "row-date",
        E,
        """A date or period that cannot be read, or a row with neither.
        Example: `as_of: 2024-02-30`""",
        scope="submission",
    ),
    loader_code(
        "row-completion",
        E,
        """A completion without `completed_on`, or without evidence where the
        task requires it.
        Example: `done: 是` for a task with `evidence: required` and no 佐证材料""",
        scope="submission",
    ),
    loader_code(
        "row-subject",
        E,
        """A row that names neither an indicator nor a task, or a task with
        another task's indicator.
        Example: a row with only `unit` and `value`""",
        scope="submission",
    ),
    loader_code(
        "row-cells",
        E,
        """A table row with more or fewer cells than the header, or a formula cell.
        Example: `a,2024-Q2,emr_level` under a four-column header""",
        scope="submission",
    ),
    loader_code(
        "csv-header",
        E,
        """A header row that repeats a column or has no known column; its rows are
        not read.
        Example: both `数值` and `value` in one header""",
        scope="submission",
    ),
    loader_code(
        "csv-syntax",
        E,
        """A CSV file the csv module cannot split into rows.
        Example: a quoted cell that never closes""",
        scope="submission",
    ),
    loader_code(
        "unknown-column",
        W,
        """A column nobody uses; it is ignored.
        Example: a `序号` column""",
        scope="submission",
    ),
    # Consistency checks.
    loader_code(
        "check-syntax",
        E,
        """A check whose rule cannot be parsed.
        Example: `rule: grassroots_visit_share <= local_visit_rate +`""",
        scope="checks",
    ),
    loader_code(
        "check-unknown",
        E,
        """A check that names an indicator the catalogue lacks, or a composition without its part.
        Example: `rule: revenue_structure <= 100`""",
        scope="checks",
    ),
    loader_code(
        "row-check",
        E,
        """Rows whose values fail an `error` consistency check together; each of them is rejected.
        Example: 基层诊疗量占比 55% against a 县域内就诊率 of 50% for the same unit and date""",
        scope="submission",
    ),
    loader_code(
        "row-check-warning",
        W,
        """A `warning` consistency check that fails, or a check skipped because it divides by zero.
        Example: 重点人群签约率 below the overall 家庭医生签约率""",
        scope="submission",
    ),
    loader_code(
        "xlsx-unreadable",
        E,
        """A file named .xlsx that is not an Excel workbook openpyxl can read.
        Example: an old .xls saved under a new name""",
        scope="submission",
    ),
    loader_code(
        "row-blank",
        W,
        """A row that names what it reports on but leaves the value (or done) blank: nothing is
        reported, and the row is listed so that a forgotten figure does not go unnoticed.
        Example: a filled-in template row with an empty 数值 cell""",
        scope="submission",
    ),
    # Rates computed from their numerator and denominator (issue 17).
    loader_code(
        "row-ratio",
        W,
        """A rate reported with its numerator and denominator that disagrees with them beyond
        the rounding of the reported figure (the computed rate is used), or a denominator of 0.
        Example: 县域内就诊率 82% reported with 412 of 500 visits (82.4% agrees; 85% would not)""",
        scope="submission",
    ),
    loader_code(
        "too-many-instances",
        E,
        """A task with more instances than one task may have (1,200), plans with more than one
        run evaluates (50,000), or a plan owing more than 1,000,000 periodic reports: a
        recurring task over centuries would take gigabytes.
        Example: `every: month` in a plan whose period runs from 1900 to 2200""",
        scope="plan",
    ),
    loader_code(
        "xlsx-merged",
        W,
        """Merged cells holding a number: the number is read once, in the merge's first cell
        (a merged unit or period is read in every row of the merge).
        Example: one 数值 cell merged over two rows""",
        scope="submission",
    ),
    loader_code(
        "as-of-after-period",
        E,
        """A row whose `as_of` is after the end of its period: a Q1 report cannot know June.
        Example: `period: 2024-Q1` with `as_of: 2024-06-30`""",
        scope="submission",
    ),
    loader_code(
        "duplicate-value",
        W,
        """Two rows of one file for the same unit, indicator (or task) and date; the later row
        counts.
        Example: a row repeated when two sheets were pasted together""",
        scope="submission",
    ),
    loader_code(
        "conflicting-value",
        W,
        """Two files give different values for the same unit, indicator and date; the later
        `submitted` counts, and the warning names both files and values.
        Example: a corrected resubmission beside the original""",
        scope="submission",
    ),
    loader_code(
        "rate-looks-fractional",
        W,
        """A rate between 0 and 1 where the target or the unit's other values are above 1:
        probably a fraction typed for a percentage; kept, and the likely percentage named.
        Example: `0.853` for 85.3 %""",
        scope="submission",
    ),
    loader_code(
        "cumulative-decrease",
        W,
        """A `cumulative: year` indicator whose running total goes down within a year.
        Example: 1–3月累计 65, then 1–6月累计 30""",
        scope="submission",
    ),
)
