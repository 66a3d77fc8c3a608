"""An incremental `text/event-stream` parser (WHATWG HTML, "Parsing an event stream").

Pure and shared by both clients: feed it the response's bytes as they arrive, in pieces of any
size, and it returns the events those bytes complete. It follows the standard where it matters to
a client: CR, LF and CRLF all end a line (also when a CRLF is split between two pieces), one
leading BOM is dropped, `:` lines are comments, `data` lines join with LF, the last event id
persists from event to event and an id holding NULL is ignored, `retry` sets the reconnection
time, and an event still unterminated when the stream ends is never dispatched. Only those three
line ends count: U+2028, U+2029, VT, FF and friends stay inside the data (str.splitlines would
split on them).

It is fast on the shapes relay streams have (one `data:` line per event, or an `id:` line and one
`data:` line, as a replaying relay writes): a piece made only of such blocks is decoded and read
by one regex pass in C; a piece with any other block is split on blank lines, and each block of
those shapes costs a slice or a match.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from itertools import repeat
from operator import itemgetter
from typing import Final, TypeAlias

__all__ = ["SSEDecoder", "ServerSentEvent"]

_MESSAGE: Final = "message"
_BOM: Final = b"\xef\xbb\xbf"


# One dispatched event: (data, type, last event id, own id). The type is `message` unless
# named; the last event id is the stream's when the event was dispatched ("" when the server
# gave none); own id says whether this event set that id itself (an event without an `id:` line
# inherits the previous one). A plain tuple: a NamedTuple's instances cost every chunk of a run
# a slower allocation (a tenth of a run's throughput, bench/stream.py).
ServerSentEvent: TypeAlias = tuple[str, str, str, bool]


# `id: N` then one `data:` line, each value with its one leading space dropped; an id holding
# NULL (ignored as an id) or any other block goes to the general parser.
_ID_THEN_DATA: Final = re.compile("id: ?([^\n\0]*)\ndata: ?([^\n]*)").fullmatch

# Whole runs of blocks of those shapes, for `_uniform` (one space after each colon).
_DATA_BLOCKS: Final = re.compile("data: ([^\n]*)\n\n").findall
_ID_DATA_BLOCKS: Final = re.compile("id: ([^\n\0]*)\ndata: ([^\n]*)\n\n").findall
_first: Final = itemgetter(0)
_second: Final = itemgetter(1)


class SSEDecoder:
    """Turns the bytes of one event stream into events.

    `feed(piece)` returns the events completed by `piece` (often none, often several); nothing
    is held back once its terminating blank line has arrived. At the end of the stream simply
    stop: an unterminated event is dropped, as the standard says. `last_event_id` and `retry`
    (milliseconds, or None) hold what the server has set so far.
    """

    __slots__ = (
        "_decoder",
        "_head",
        "_pending",
        "_pending_nl",
        "_skip_lf",
        "_split_char",
        "last_event_id",
        "retry",
    )

    def __init__(self) -> None:
        # The first bytes, until it is known whether a BOM opens them; then None.
        self._head: bytes | None = b""
        self._decoder: codecs.IncrementalDecoder | None = None
        self._split_char = False  # the decoder holds the first bytes of a character
        self._pending: list[str] = []  # text of the event still being received
        self._pending_nl = False  # that text ends with a line end
        self._skip_lf = False  # the last piece ended with CR: an LF opening the next is its pair
        self.last_event_id = ""
        self.retry: int | None = None

    def feed(self, data: bytes) -> list[ServerSentEvent]:
        """The events that `data`, the next bytes of the stream, complete."""
        if self._head is not None:
            # One leading BOM is dropped, also when its bytes arrive in separate pieces.
            data = self._head + data
            if len(data) < 3 and _BOM.startswith(data):
                self._head = data
                return []
            self._head = None
            if data[:3] == _BOM:
                data = data[3:]
        # A piece is almost always whole UTF-8 and decodes in one call; one that ends inside a
        # character, or holds bad bytes (they become U+FFFD, as the standard says), goes through
        # an incremental decoder until no partial character is left over.
        if self._split_char:
            text = self._decode_split(data)
        else:
            try:
                text = data.decode()
            except UnicodeDecodeError:
                text = self._decode_split(data)
        if not text:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if text[0] == "\n":
                text = text[1:]
                if not text:
                    return []
        if "\r" in text:
            # A CR ends its line at once; an LF right after it (maybe in the next piece) belongs
            # to it. Normalising to LF lets blank lines be found with one split.
            self._skip_lf = text[-1] == "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        pending = self._pending
        if pending:
            if "\n\n" not in text and not (self._pending_nl and text[0] == "\n"):
                pending.append(text)
                self._pending_nl = text[-1] == "\n"
                return []
            pending.append(text)
            text = "".join(pending)
            pending.clear()
        uniform = self._uniform(text)
        if uniform is not None:
            return uniform
        blocks = text.split("\n\n")
        tail = blocks.pop()
        if tail:
            pending.append(tail)
            self._pending_nl = tail[-1] == "\n"
        events: list[ServerSentEvent] = []
        for block in blocks:
            if block[:5] == "data:" and "\n" not in block:
                # The common case: an event of one data line.
                value = block[5:]
                if value[:1] == " ":
                    value = value[1:]
                events.append((value, _MESSAGE, self.last_event_id, False))
            elif block[:3] == "id:" and (match := _ID_THEN_DATA(block)) is not None:
                # The other shape a relay writes, `id: N` then one `data:` line.
                event_id, value = match.groups()
                self.last_event_id = event_id
                events.append((value, _MESSAGE, event_id, True))
            elif block:
                event = self._event(block)
                if event is not None:
                    events.append(event)
        return events

    def _uniform(self, text: str) -> list[ServerSentEvent] | None:
        """The events of `text` when its complete blocks all have one of the two shapes relays
        write (`data: X`, or `id: N` and `data: X`), found by one regex pass in C and checked to
        tile the text exactly; None (nothing consumed) for anything else."""
        end = text.rfind("\n\n") + 2
        if end < 2 or text[end - 3 : end] == "\n\n\n":
            return None  # no complete block, or blank lines to count the general way
        ids: Iterable[str]
        if text[:6] == "data: ":
            values = _DATA_BLOCKS(text, 0, end)
            if 8 * len(values) + sum(map(len, values)) != end:
                return None
            ids, own = repeat(self.last_event_id), False
        elif text[:4] == "id: ":
            pairs = _ID_DATA_BLOCKS(text, 0, end)
            own_ids = list(map(_first, pairs))
            values = list(map(_second, pairs))
            if 13 * len(pairs) + sum(map(len, own_ids)) + sum(map(len, values)) != end:
                return None
            ids, own = own_ids, True
            self.last_event_id = own_ids[-1]
        else:
            return None
        events = list(zip(values, repeat(_MESSAGE), ids, repeat(own)))
        tail = text[end:]
        if tail:
            self._pending.append(tail)
            self._pending_nl = tail[-1] == "\n"
        return events

    def _decode_split(self, data: bytes) -> str:
        decoder = self._decoder
        if decoder is None:
            decoder = self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        text = decoder.decode(data)
        self._split_char = bool(decoder.getstate()[0])
        return text

    def _event(self, block: str) -> ServerSentEvent | None:
        """The event of one block of lines (ended by a blank line), if it dispatches one."""
        data: list[str] = []
        event_type = ""
        own_id = False
        for line in block.split("\n"):
            if not line or line[0] == ":":
                continue  # a blank line before the fields, or a comment
            name, colon, value = line.partition(":")
            if colon and value[:1] == " ":
                value = value[1:]
            if name == "data":
                data.append(value)
            elif name == "event":
                event_type = value
            elif name == "id" and "\0" not in value:
                self.last_event_id = value  # an id holding NULL is ignored
                own_id = True
            elif name == "retry" and value.isascii() and value.isdigit():
                self.retry = int(value)
            # any other field (and a bad id or retry) is ignored
        if not data:
            return None
        return ("\n".join(data), event_type or _MESSAGE, self.last_event_id, own_id)
