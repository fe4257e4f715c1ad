"""medreform-check: check health-reform action plans against what institutions report."""

__version__ = "0.1.0"

# Where the project lives; SARIF reports name it as the tool's `informationUri`. The same
# placeholder as docs/ci.md until the repository has its public address.
HOMEPAGE = "https://example.org/your-org/medreform-check"
