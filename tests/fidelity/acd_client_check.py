#!/usr/bin/env python3
"""The ACD event socket, as a third-party client sees it: the `websockets`
library (Debian's python3-websockets), unchanged, drives a platform that
speaks docs/ACD-PROTOCOL.md. Every message the platform sends must be valid
against docs/acd-protocol/v1.schema.json, and each exchange must go as the
page says.

    acd_client_check.py ws://127.0.0.1:PORT/agent
"""
import asyncio
import json
import pathlib
import sys

import jsonschema
import websockets

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "acd-protocol" / "v1.schema.json").read_text())
PLATFORM = jsonschema.Draft202012Validator(
    {"$ref": "#/$defs/PlatformMessage", "$defs": SCHEMA["$defs"]}
)
seen = 0


def fail(why):
    print(f"ACD third-party client: FAILED: {why}")
    sys.exit(1)


async def receive(ws):
    """The next platform message, checked against the schema."""
    global seen
    try:
        text = await asyncio.wait_for(ws.recv(), timeout=5)
    except asyncio.TimeoutError:
        fail("no message from the platform within 5 s")
    if not isinstance(text, str):
        fail("a binary frame (the protocol is JSON text)")
    m = json.loads(text)
    errors = list(PLATFORM.iter_errors(m))
    if errors:
        fail(f"{text}: {errors[0].message}")
    seen += 1
    return m


async def until(ws, what, ok, limit=20):
    """Messages up to the first that `ok` accepts; the ones before it too."""
    before = []
    for _ in range(limit):
        m = await receive(ws)
        if ok(m):
            return m, before
        before.append(m)
    fail(f"no {what} in {limit} messages: {before}")


async def send(ws, message):
    await ws.send(json.dumps({"v": 1, **message}))


async def main(url):
    # Only clients that name the protocol get a session.
    try:
        async with websockets.connect(url):
            fail("a client without the subprotocol was served")
    except websockets.exceptions.InvalidStatusCode as e:
        if e.status_code != 400:
            fail(f"refused with {e.status_code}, not 400")

    async with websockets.connect(url, subprotocols=["ringside.acd.v1"]) as ws:
        if ws.subprotocol != "ringside.acd.v1":
            fail(f"subprotocol {ws.subprotocol!r}")
        await send(ws, {"type": "hello", "id": 1, "client": "websockets-check",
                        "client_version": websockets.__version__, "agent": "agent-7"})
        welcome = await receive(ws)
        if welcome["type"] != "welcome" or welcome["agent"] != "agent-7":
            fail(f"expected the welcome first: {welcome}")
        states = await receive(ws)
        if states["type"] != "agent.states" or "Lunch" not in states["states"]:
            fail(f"expected the platform's states: {states}")
        state = await receive(ws)
        if state["type"] != "agent.state" or "at" not in state:
            fail(f"expected the agent's state: {state}")

        # A state from the list: acked, then confirmed with `re`.
        await send(ws, {"type": "agent.set_state", "id": 2, "state": "Lunch"})
        await until(ws, "ack of 2", lambda m: m["type"] == "ack" and m["re"] == 2)
        done, _ = await until(ws, "the state confirmed",
                              lambda m: m["type"] == "agent.state" and m.get("re") == 2)
        if done["state"] != "Lunch" or done.get("cause") != "ringside":
            fail(f"confirmed as {done}")
        # One the platform does not have: an error naming the request.
        await send(ws, {"type": "agent.set_state", "id": 3, "state": "Coffee"})
        err, _ = await until(ws, "the refusal", lambda m: m["type"] == "error")
        if err.get("re") != 3 or err["code"] != "unknown_state":
            fail(f"refused as {err}")
        # A command for a call the platform does not have.
        await send(ws, {"type": "call.answer", "id": 4, "call_id": "no-such-call"})
        err, _ = await until(ws, "the refusal", lambda m: m["type"] == "error")
        if err.get("re") != 4 or err["code"] != "unknown_call":
            fail(f"refused as {err}")

        # A call placed from the client: dialling, On a Call, the flag,
        # hold, hang-up and After Call Work, each confirmed by an event.
        await send(ws, {"type": "call.dial", "id": 5, "to": "+4930901820", "dialback": False})
        dialing, _ = await until(ws, "call.dialing", lambda m: m["type"] == "call.dialing")
        call = dialing["call_id"]
        await until(ws, "On a Call", lambda m: m["type"] == "agent.state" and m["state"] == "on_call")
        await send(ws, {"type": "call.do_not_log", "id": 6, "call_id": call, "do_not_log": True})
        await until(ws, "ack of 6", lambda m: m["type"] == "ack" and m["re"] == 6)
        await send(ws, {"type": "call.hold", "id": 7, "call_id": call})
        await until(ws, "call.held", lambda m: m["type"] == "call.held" and m["call_id"] == call)
        await send(ws, {"type": "call.hangup", "id": 8, "call_id": call})
        ended, _ = await until(ws, "call.ended", lambda m: m["type"] == "call.ended")
        if ended["call_id"] != call or ended.get("by") != "agent":
            fail(f"ended as {ended}")
        await until(ws, "After Call Work",
                    lambda m: m["type"] == "agent.state" and m["state"] == "after_call_work")

        # A message of another version is refused, and the session goes on.
        await ws.send(json.dumps({"v": 2, "type": "call.hold", "id": 9, "call_id": call}))
        err, _ = await until(ws, "the refusal", lambda m: m["type"] == "error")
        if "version 2" not in err["message"]:
            fail(f"refused as {err}")
        await send(ws, {"type": "agent.set_state", "id": 10, "state": "available"})
        await until(ws, "the state confirmed",
                    lambda m: m["type"] == "agent.state" and m.get("re") == 10)

    print(f"ACD third-party client (python websockets {websockets.__version__}): "
          f"{seen} platform messages valid against the schema, every exchange as documented")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: acd_client_check.py ws://127.0.0.1:PORT/agent")
    asyncio.run(main(sys.argv[1]))
