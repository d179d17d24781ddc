#!/usr/bin/env python3
"""Checks docs/acd-protocol: the schema is valid JSON Schema (2020-12), every
example is valid against it, and messages Ringside must refuse are refused."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent / "docs" / "acd-protocol"
schema = json.loads((root / "v1.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
failed = 0


def validator(side):
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{side}", "$defs": schema["$defs"]})


for name, side in [("examples-platform.json", "PlatformMessage"), ("examples-ringside.json", "RingsideMessage")]:
    v = validator(side)
    for example in json.loads((root / name).read_text()):
        errors = list(v.iter_errors(example))
        if errors:
            failed += 1
            print(f"{name}: {example}: {errors[0].message}")

bad = [
    {"v": 2, "type": "call.answered", "call_id": "c"},
    {"type": "call.answered", "call_id": "c"},
    {"v": 1, "type": "call.answered"},
    {"v": 1, "type": "call.task_url", "call_id": "c", "url": "javascript:alert(1)"},
    {"v": 1, "type": "call.do_not_log", "id": 1, "call_id": "c", "do_not_log": "yes"},
    {"v": 1, "type": "agent.state", "state": "away", "at": "yesterday"},
    {"v": 1, "type": "agent.state", "state": "away", "re": 0},
    {"v": 1, "type": "agent.states", "states": [""]},
    {"v": 1, "type": "agent.set_state", "id": 3},
]
whole = jsonschema.Draft202012Validator(schema)
for example in bad:
    if whole.is_valid(example):
        failed += 1
        print(f"accepted but must be refused: {example}")

total = sum(len(json.loads((root / n).read_text())) for n in ["examples-platform.json", "examples-ringside.json"])
print(f"ACD schema: {total} examples valid, {len(bad)} bad messages refused" if not failed else f"ACD schema: {failed} problem(s)")
sys.exit(1 if failed else 0)
