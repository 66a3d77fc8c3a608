from typing import Literal

ChatRequestMode = Literal["background"]

CHAT_REQUEST_MODE_VALUES: set[ChatRequestMode] = {
    "background",
}


def check_chat_request_mode(value: str) -> ChatRequestMode:
    if value in CHAT_REQUEST_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHAT_REQUEST_MODE_VALUES!r}"
    )
