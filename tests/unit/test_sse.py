"""The event-stream parser against the WHATWG rules, fed whole and in every possible split."""

from __future__ import annotations

import pytest

from agents21._sse import ServerSentEvent, SSEDecoder


def events(stream: bytes) -> list[tuple[str, str, str]]:
    decoder = SSEDecoder()
    return [(event, data, id_) for data, event, id_, _ in decoder.feed(stream)]


def fed_in_pieces(stream: bytes, cuts: list[int]) -> list[tuple[str, str, str]]:
    decoder = SSEDecoder()
    out: list[ServerSentEvent] = []
    start = 0
    for cut in [*cuts, len(stream)]:
        out += decoder.feed(stream[start:cut])
        start = cut
    return [(event, data, id_) for data, event, id_, _ in out]


CASES: dict[str, tuple[bytes, list[tuple[str, str, str]]]] = {
    "lf": (b"data: a\n\ndata: b\n\n", [("message", "a", ""), ("message", "b", "")]),
    "crlf": (b"data: a\r\n\r\ndata: b\r\n\r\n", [("message", "a", ""), ("message", "b", "")]),
    "cr": (b"data: a\r\rdata: b\r\r", [("message", "a", ""), ("message", "b", "")]),
    "mixed line ends": (
        b"data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\n\n",
        [("message", "a\nb\nc", ""), ("message", "d", "")],
    ),
    "cr then crlf is two line ends": (b"data: a\r\r\n", [("message", "a", "")]),
    "comments": (
        b": keep-alive\n\n:x\ndata: a\n: inside\ndata: b\n\n",
        [("message", "a\nb", "")],
    ),
    "multi-line data": (b"data: one\ndata: two\ndata:\n\n", [("message", "one\ntwo\n", "")]),
    "one space stripped": (b"data:  two spaces\ndata:none\n\n", [("message", " two spaces\nnone", "")]),
    "leading bom": (b"\xef\xbb\xbfdata: a\n\n", [("message", "a", "")]),
    "only one bom": (b"\xef\xbb\xbf\xef\xbb\xbfdata: a\n\ndata: b\n\n", [("message", "b", "")]),
    "event type": (b"event: ping\ndata: a\n\ndata: b\n\n", [("ping", "a", ""), ("message", "b", "")]),
    "id persists": (
        b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n",
        [("message", "a", "1"), ("message", "b", "1"), ("message", "c", "2")],
    ),
    "id then one data line, as a replaying relay writes": (
        b"id: 0\ndata: a\n\nid:1\ndata:b\n\nid: 2\ndata:  c\n\n",
        [("message", "a", "0"), ("message", "b", "1"), ("message", " c", "2")],
    ),
    "id then more than one line": (
        b"id: 1\ndata: a\ndata: b\n\nid: 2\nevent: e\ndata: c\n\nid: 3\ndata\n\n",
        [("message", "a\nb", "1"), ("e", "c", "2"), ("message", "", "3")],
    ),
    "id then a line that is not data": (b"id: 4\ndatum: x\n\ndata: y\n\n", [("message", "y", "4")]),
    "id without data still sets it": (b"id: 7\n\ndata: a\n\n", [("message", "a", "7")]),
    "empty id resets": (b"id: 1\ndata: a\n\nid\ndata: b\n\n", [("message", "a", "1"), ("message", "b", "")]),
    "id with null ignored": (b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", [("message", "a", "1"), ("message", "b", "1")]),
    "no data, no event": (b"event: x\n\n\n\ndata: a\n\n", [("message", "a", "")]),
    "field without colon": (b"data\n\n", [("message", "", "")]),
    "unknown fields ignored": (b"foo: bar\ndata: a\nDATA: b\n\n", [("message", "a", "")]),
    "unterminated last event dropped": (b"data: a\n\ndata: b\n", [("message", "a", "")]),
    "unterminated, no newline": (b"data: a\n\ndata: b", [("message", "a", "")]),
    "runs of blank lines": (b"\n\n\ndata: a\n\n\n\n\ndata: b\n\n\n", [("message", "a", ""), ("message", "b", "")]),
    "unicode line separators stay in data": (
        "data: a\u2028b\u2029c\x0bd\x0ce\x1cf\x85g\n\n".encode(),
        [("message", "a\u2028b\u2029c\x0bd\x0ce\x1cf\x85g", "")],
    ),
    "multibyte characters": ("data: naïve 🙂 日本\n\n".encode(), [("message", "naïve 🙂 日本", "")]),
    "invalid utf-8 replaced": (b"data: a\xffb\n\n", [("message", "a\ufffdb", "")]),
    "done marker": (b'data: {"type":"finish"}\n\ndata: [DONE]\n\n', [("message", '{"type":"finish"}', ""), ("message", "[DONE]", "")]),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_whole(name: str) -> None:
    stream, expected = CASES[name]
    assert events(stream) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_every_split_in_two_and_three(name: str) -> None:
    stream, expected = CASES[name]
    for i in range(len(stream) + 1):
        assert fed_in_pieces(stream, [i]) == expected, f"cut at {i}"
        for j in range(i, len(stream) + 1, 3):
            assert fed_in_pieces(stream, [i, j]) == expected, f"cuts at {i}, {j}"


@pytest.mark.parametrize("name", list(CASES))
def test_byte_by_byte(name: str) -> None:
    stream, expected = CASES[name]
    assert fed_in_pieces(stream, list(range(1, len(stream)))) == expected


def test_retry_sets_the_reconnection_time_only_when_all_digits() -> None:
    decoder = SSEDecoder()
    assert decoder.retry is None
    decoder.feed(b"retry: 1500\n\n")
    assert decoder.retry == 1500
    decoder.feed(b"retry: 2s\n\nretry: -1\n\nretry: \xd9\xa3\n\nretry:\n\n")  # Arabic-Indic 3
    assert decoder.retry == 1500
    assert decoder.feed(b"retry: 10\ndata: a\n\n") == [("a", "message", "", False)]
    assert decoder.retry == 10


def test_an_event_arrives_with_its_blank_line_and_not_later() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\n") == [("a", "message", "", False)]
    assert decoder.feed(b"data: b\r") == []
    assert decoder.feed(b"\r") == [("b", "message", "", False)]
    # the LF that may follow a CR is not a new blank line
    assert decoder.feed(b"\ndata: c\r\n") == []
    assert decoder.feed(b"\r\n") == [("c", "message", "", False)]


def test_a_long_event_in_many_pieces() -> None:
    payload = "x" * 100_000
    stream = f"data: {payload}\n\n".encode()
    decoder = SSEDecoder()
    out: list[ServerSentEvent] = []
    for i in range(0, len(stream), 7):
        out += decoder.feed(stream[i : i + 7])
    assert out == [(payload, "message", "", False)]


def test_last_event_id_is_kept_on_the_decoder() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"id: 41\ndata: a\n\nid: 42\n\n")
    assert decoder.last_event_id == "42"
    decoder.feed(b"id: 43\ndata: unterminated\n")
    assert decoder.last_event_id == "42"


def test_an_event_says_whether_it_set_the_id_itself() -> None:
    events = SSEDecoder().feed(b"id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n")
    assert [(data, id_, own) for data, _, id_, own in events] == [
        ("a", "7", True),
        ("b", "7", False),
        ("c", "8", True),
    ]


def reference(stream: bytes, *, own_ids: bool = False) -> list[tuple[str, ...]]:
    """The WHATWG algorithm written out line by line, as the standard words it; with
    `own_ids`, each event also says whether its own block set the id."""
    text = stream.decode("utf-8", "replace").removeprefix("\ufeff")
    lines: list[str] = []
    line = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "\r\n":
            lines.append(line)
            line = ""
            if ch == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
        else:
            line += ch
        i += 1
    # `line` is an unterminated last line: never processed
    out: list[tuple[str, ...]] = []
    data, event_type, last_id, id_buffer, own = "", "", "", "", False
    for line in lines:
        if line == "":
            last_id = id_buffer
            if data:
                event = (event_type or "message", data.removesuffix("\n"), last_id)
                out.append((*event, str(own)) if own_ids else event)
            data, event_type, own = "", "", False
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            data += value + "\n"
        elif name == "event":
            event_type = value
        elif name == "id" and "\0" not in value:
            id_buffer = value
            own = True
    return out


def test_random_streams_in_random_pieces_match_the_reference() -> None:
    import random

    rng = random.Random(21)
    atoms = [
        "data: ", "data:", "data", "event: e", "id: ", "id: 7", "id: \0", ": c", "retry: 5",
        "x", "é", "🙂", "\u2028", "{}", " ", "\ufeff", "\r", "\n", "\r\n", "\n\n", "\r\r",
    ]  # fmt: skip
    for _ in range(400):
        stream = ("\ufeff" if rng.random() < 0.2 else "") + "".join(
            rng.choice(atoms) for _ in range(rng.randint(0, 40))
        )
        raw = stream.encode("utf-8")
        if rng.random() < 0.1:
            raw += b"\xff"
        cuts = sorted(rng.sample(range(len(raw) + 1), k=min(len(raw) + 1, rng.randint(0, 8))))
        assert fed_in_pieces(raw, cuts) == reference(raw), (raw, cuts)


def test_relay_shaped_streams_match_the_reference_also_where_a_block_breaks_the_shape() -> None:
    """Streams of the two shapes relays write (`data: X`, or `id: N` then `data: X`) are read
    in one pass over each piece; a block of any other shape among them, wherever the pieces
    are cut, must give what the standard gives, ids included."""
    import random

    rng = random.Random(2112)
    shapes = [
        lambda i: f'data: {{"n":{i},"t":"é🙂"}}\n\n',
        lambda i: f'id: {i}\ndata: {{"n":{i}}}\n\n',
    ]
    odd = [
        "\n", ": keep-alive\n\n", "data:x\n\n", "data:  two spaces\n\n", "id:5\ndata: y\n\n",
        "id: 1\0\ndata: z\n\n", "event: e\ndata: w\n\n", "data: a\ndata: b\n\n", "id: 9\n\n",
        "stray id: 3\ndata: v\n\n", "data: \n\n", "retry: 10\n\n", "id: 4\r\ndata: u\r\n\r\n",
        "data: 1\n\n", "id: 7\ndata: 2\n\n", "\n\n\n", "data: x\n\n\n", "id: \ndata: e\n\n",
    ]  # fmt: skip
    for _ in range(600):
        shape = rng.choice(shapes)
        blocks = [shape(i) for i in range(rng.randint(1, 40))]
        for _ in range(rng.choice((0, 0, 1, 2))):
            blocks.insert(rng.randint(0, len(blocks)), rng.choice(odd))
        if rng.random() < 0.3:
            blocks.append(shape(99)[: rng.randint(1, 12)])  # an event still arriving
        raw = "".join(blocks).encode()
        cuts = sorted(rng.sample(range(len(raw) + 1), k=min(len(raw) + 1, rng.randint(0, 6))))
        decoder = SSEDecoder()
        got: list[tuple[str, ...]] = []
        start = 0
        for cut in [*cuts, len(raw)]:
            fed = decoder.feed(raw[start:cut])
            got += [(event, data, id_, str(own)) for data, event, id_, own in fed]
            start = cut
        assert got == reference(raw, own_ids=True), (raw, cuts)
