#!/usr/bin/python3
"""The X11 side of a window, as the desktop sees it (python3-xlib):

  x11.py find PATTERN [--visible]   ids of top-level windows whose title matches
  x11.py urgent ID                  exit 0 if the window asks for attention
  x11.py close ID                   ask the window to close (WM_DELETE_WINDOW),
                                    as a window manager's close button does
"""
import re
import sys

from Xlib import X, Xutil, display, protocol


def windows(d):
    stack = [d.screen().root]
    while stack:
        w = stack.pop()
        try:
            children = w.query_tree().children
        except Exception:
            continue
        for c in children:
            yield c
            stack.append(c)


def title(d, w):
    try:
        net = w.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
        if net is not None:
            return net.value.decode("utf-8", "replace")
        name = w.get_wm_name()
        return name if isinstance(name, str) else (name or b"").decode("latin-1")
    except Exception:
        return ""


def main(argv):
    d = display.Display()
    if argv[1] == "find":
        pattern = re.compile(argv[2])
        visible = "--visible" in argv
        found = []
        for w in windows(d):
            if not pattern.search(title(d, w)):
                continue
            try:
                if visible and w.get_attributes().map_state != X.IsViewable:
                    continue
            except Exception:
                continue
            found.append(w.id)
        print(" ".join(str(i) for i in found))
        return 0 if found else 1
    w = d.create_resource_object("window", int(argv[2]))
    if argv[1] == "urgent":
        hints = w.get_wm_hints()
        return 0 if hints is not None and hints.flags & Xutil.UrgencyHint else 1
    if argv[1] == "close":
        protocols = d.intern_atom("WM_PROTOCOLS")
        delete = d.intern_atom("WM_DELETE_WINDOW")
        event = protocol.event.ClientMessage(window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
        w.send_event(event)
        d.flush()
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
