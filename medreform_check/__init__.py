"""medreform-check: check health-reform action plans against what institutions report."""

__version__ = "0.1.0"
