"""The top-level ``--help``, answered without importing the CLI (see ``__main__.py``).

Loading typer and click takes longer than everything else ``--help`` does. This copy is
kept equal to what typer prints at 80 columns or more by ``tests/cli/test_startup.py``;
when a command changes, paste the new ``medreform-check --help`` here.
"""

TOP_LEVEL = """\
Usage: medreform-check [OPTIONS] COMMAND [ARGS]...

  Check health-reform action plans against what institutions report.

Options:
  --version   Show the version and exit.
  -h, --help  Show this message and exit.

Commands:
  audit     Evaluate submissions against plans as of a date: the...
  validate  Check plans, catalogues, checks and submissions: every...
  schema    Print the JSON Schema of a file kind, for editors...
  diff      What a plan change tightens or relaxes, task by task.
  overdue   The overdue list for the next meeting, grouped by lead unit,...
  template  An empty submission for a unit and period: the rows it must...
"""
