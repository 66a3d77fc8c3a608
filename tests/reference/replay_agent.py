"""A program for the relay's `command` runtime that sends back the chunks of a JSON file.

The prompt is the file's path: a JSON array of chunks, written one per line to stdout.
"""

import json
import sys

request = json.loads(sys.stdin.readline())
with open(request["prompt"], encoding="utf-8") as file:
    for chunk in json.load(file):
        print(json.dumps(chunk), flush=True)
