from typing import Literal

WriteFilesFormat = Literal["blob", "stream", "text"]

WRITE_FILES_FORMAT_VALUES: set[WriteFilesFormat] = {
    "blob",
    "stream",
    "text",
}


def check_write_files_format(value: str) -> WriteFilesFormat:
    if value in WRITE_FILES_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WRITE_FILES_FORMAT_VALUES!r}"
    )
