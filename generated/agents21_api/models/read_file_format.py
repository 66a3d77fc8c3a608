from typing import Literal

ReadFileFormat = Literal["blob", "stream", "text"]

READ_FILE_FORMAT_VALUES: set[ReadFileFormat] = {
    "blob",
    "stream",
    "text",
}


def check_read_file_format(value: str) -> ReadFileFormat:
    if value in READ_FILE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READ_FILE_FORMAT_VALUES!r}"
    )
