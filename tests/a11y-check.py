#!/usr/bin/env python3
# a11y-check.py DRIVER: the window as a screen reader sees it.
#
# Runs DRIVER (a11y-driver, the real application on a new database in a temporary folder)
# with GTK_A11Y=atspi on this session's bus, and for every page, popover and dialog it
# opens walks the whole accessible tree through AT-SPI (pyatspi). Fails on any interactive
# object (button, toggle, check box, radio, entry, spin button, menu item, switch, combo
# box) without a name, with a class name as its name ("GtkImage"), with a doubled name
# ("Months Months", "_Save Offer Save Offer") or a mnemonic underscore left in it, and on
# spin buttons of one view that share a name (every quantity just "Quantity").
# Skipped (TAP "1..0 # SKIP") without pyatspi, a session bus or the accessibility bus.
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

STEP_SECONDS = 120      # the longest one view's walk may take
MAX_NODES = 20000       # a tree bigger than that is a runaway list

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_SLIDER,
}
# GTK's switch has no role of its own in AT-SPI 2.46 and shows as a toggle button.
CLASS_NAME = re.compile(r"^(Gtk|Adw|Ssa|Gdk)[A-Z][A-Za-z]*$")
MNEMONIC = re.compile(r"(^|\s)_\w")


# What the application cannot name, as libadwaita 1.2 builds it without a way in: the
# read-only text views of the About window (its legal and troubleshooting pages). They are
# reported as known, not counted; everything else must have a name.
KNOWN_GAPS = [
    (pyatspi.ROLE_TEXT, "About"),
]


def known_gap(node, role):
    try:
        ancestor = node.parent
        while ancestor is not None:
            for gap_role, gap_ancestor in KNOWN_GAPS:
                if role == gap_role and ancestor.name == gap_ancestor:
                    return True
            ancestor = ancestor.parent
    except Exception:
        pass
    return False


def doubled(name):
    """Whether @name is one phrase twice: "Months Months", "Save Offer Save Offer"."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def problem(role, name):
    """What is wrong with an interactive object's name, or None."""
    name = (name or "").strip()
    if not name:
        return "has no name"
    if CLASS_NAME.match(name):
        return "is named by its class"
    if doubled(name):
        return "has a doubled name"
    if MNEMONIC.search(name):
        return "has a mnemonic underscore in its name"
    return None


def describe(node):
    """Where @node is, for the report: its tooltip (GTK's description) and the names of
    the nearest named objects above it."""
    parts = []
    try:
        parts.append("“%s”" % (node.name or ""))
        if node.childCount > 0 and node.getChildAtIndex(0) is not None:
            child = node.getChildAtIndex(0)
            parts.append("showing %s “%s”" % (child.getRoleName(), child.name or ""))
        if node.description:
            parts.append("tooltip “%s”" % node.description)
        node = node.parent
        while node is not None and len(parts) < 6:
            if node.name and node.getRole() != pyatspi.ROLE_APPLICATION:
                parts.append("in %s “%s”" % (node.getRoleName(), node.name))
            node = node.parent
    except Exception:
        pass
    return ", ".join(parts)


def find_app(pid, deadline):
    """The accessible application of process @pid, once it shows on the registry."""
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    return None


known = set()
main_window = []        # the name of the application's first window, once seen


# What each view must show, so that a walk that sees too little (a popover that did not
# open, a page left empty) fails instead of passing with nothing checked.
EXPECT = {
    "main-menu": (pyatspi.ROLE_MENU_ITEM, "About SSA Desk"),
    "add-menu": (pyatspi.ROLE_MENU_ITEM, None),
    "installation": (pyatspi.ROLE_SPIN_BUTTON, None),
    "product-picker": (pyatspi.ROLE_TEXT, None),
    "customer-editor": (pyatspi.ROLE_TEXT, None),
    "installation-editor": (pyatspi.ROLE_TEXT, None),
}


def walk(app, state):
    """The problems of the objects showing in @app's tree."""
    problems = []
    spins = {}
    expected_role, expected_name = EXPECT.get(state, (None, None))
    expected_seen = expected_role is None
    seen = 0
    stack = [(app, 0)]
    while stack:
        node, window = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            problems.append("%s: more than %d objects" % (state, MAX_NODES))
            break
        # Each question is a D-Bus round trip: the hidden are dropped before their role,
        # name and children are asked for.
        try:
            # GTK 4.8 never sets "showing" below the window: "visible" is the widget's own
            # visibility. Objects of pages not shown now are walked too (they must have
            # names as well), which also covers what the views below do not reach.
            if node is not app and not node.getState().contains(pyatspi.STATE_VISIBLE):
                continue
            role = node.getRole()
            name = node.name if role in INTERACTIVE or role == expected_role else None
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue            # gone while we looked: a popover closing, a row recycled
        if node is app and len(children) > 1:
            # A dialog is open: the main window under it was walked in the views before.
            children = [c for c in children if c is not None and c.name != main_window[0]]
        elif node is app and children and children[0] is not None and not main_window:
            main_window.append(children[0].name)
        if role in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW):
            window = id(node)
        if role == expected_role and (expected_name is None or name == expected_name):
            expected_seen = True
        if role in INTERACTIVE:
            what = problem(role, name)
            if what and known_gap(node, role):
                known.add("%s %s: %s" % (node.getRoleName(), what, describe(node)))
            elif what:
                problems.append("%s: %s %s: %s" % (state, node.getRoleName(), what,
                                                   describe(node)))
            if role == pyatspi.ROLE_SPIN_BUTTON and name:
                spins[(window, name)] = spins.get((window, name), 0) + 1
        stack.extend((c, window) for c in reversed(children) if c is not None)
    if not expected_seen:
        problems.append("%s: no object of role %s%s seen: the view did not open" % (
            state, expected_role, " named “%s”" % expected_name if expected_name else ""))
    # Spin buttons of one window that share a name cannot be told apart ("Quantity").
    for (window, name), count in sorted(spins.items(), key=lambda item: item[0][1]):
        if count > 1:
            problems.append("%s: %d spin buttons share the name “%s”" % (state, count, name))
    return problems, seen


def read_line(proc, deadline):
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            return proc.stdout.readline().decode().strip()
        if proc.poll() is not None:
            return ""
    return None


def main():
    if len(sys.argv) != 2:
        print("usage: a11y-check.py DRIVER", file=sys.stderr)
        return 2
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("1..0 # SKIP no session bus (run under dbus-run-session)")
        return 0

    folder = tempfile.mkdtemp(prefix="ssa-desk-a11y-")
    env = dict(os.environ, GTK_A11Y="atspi", SSA_DESK_DB=os.path.join(folder, "ssa-desk.db"))
    env.pop("NO_AT_BRIDGE", None)
    proc = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=env)
    problems = []
    states = []
    try:
        app = None
        while True:
            line = read_line(proc, time.monotonic() + STEP_SECONDS)
            if line is None:
                problems.append("the driver said nothing for %d s" % STEP_SECONDS)
                break
            if line == "done":
                break
            if not line.startswith("state "):
                problems.append("the driver stopped (exit status %s) after %s"
                                % (proc.poll(), states[-1] if states else "starting"))
                break
            state = line[len("state "):]
            states.append(state)
            if app is None:
                app = find_app(proc.pid, time.monotonic() + 30)
                if app is None:
                    print("1..0 # SKIP the application never showed on the accessibility bus")
                    proc.kill()
                    return 0
            found, seen = walk(app, state)
            print("# %s: %d objects, %d problems" % (state, seen, len(found)), flush=True)
            problems += found
            proc.stdin.write(b"next\n")
            proc.stdin.flush()
    finally:
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)

    if proc.returncode not in (0, None) and not problems:
        problems.append("the driver exited with status %d" % proc.returncode)
    if len(states) < 10:
        problems.append("only %d views were walked: %s" % (len(states), ", ".join(states)))
    print("1..1")
    # Every window of the application is walked in every view: each problem is told once,
    # with the first view that showed it.
    told = set()
    for p in problems:
        what = p.split(": ", 1)[-1]
        if what not in told:
            told.add(what)
            print("# " + p)
    for k in sorted(known):
        print("# known gap of GTK or libadwaita, not counted: " + k)
    print("%s 1 accessible names of %d views" % ("not ok" if problems else "ok", len(states)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
