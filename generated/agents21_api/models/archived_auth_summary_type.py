from typing import Literal

ArchivedAuthSummaryType = Literal["bearer", "oauth"]

ARCHIVED_AUTH_SUMMARY_TYPE_VALUES: set[ArchivedAuthSummaryType] = {
    "bearer",
    "oauth",
}


def check_archived_auth_summary_type(value: str) -> ArchivedAuthSummaryType:
    if value in ARCHIVED_AUTH_SUMMARY_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ARCHIVED_AUTH_SUMMARY_TYPE_VALUES!r}"
    )
