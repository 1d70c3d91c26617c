#!/usr/bin/python3
# mock-desktop.py: stand-ins for the desktop's D-Bus services on a test's session bus, which
# record what SSA Desk sends them. SPDX-License-Identifier: GPL-3.0-or-later
#
#   mock-desktop.py portal RECORD         org.freedesktop.portal.Email on
#                                         org.freedesktop.portal.Desktop: each ComposeEmail
#                                         call's options, with each attachment's file name,
#                                         size and first bytes read through the passed fd
#   mock-desktop.py notifications RECORD  org.gtk.Notifications: each AddNotification call
#
# RECORD is rewritten as a JSON array after every call. The mock owns its name before it
# prints "ready" on standard output, and exits on SIGTERM.
import json
import os
import signal
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
EMAIL_IFACE = "org.freedesktop.portal.Email"
REQUEST_IFACE = "org.freedesktop.portal.Request"
PROPS_IFACE = "org.freedesktop.DBus.Properties"
GTK_NOTIFICATIONS = "org.gtk.Notifications"

calls = []


def save(record):
    tmp = record + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(calls, f, ensure_ascii=False, indent=1)
    os.rename(tmp, record)


def plain(value):
    """D-Bus values as JSON ones."""
    if isinstance(value, (dbus.String, dbus.ObjectPath, dbus.Signature)):
        return str(value)
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64, dbus.UInt16,
                          dbus.UInt32, dbus.UInt64)):
        return int(value)
    if isinstance(value, dbus.Double):
        return float(value)
    if isinstance(value, dbus.Dictionary):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (dbus.Array, dbus.Struct, list, tuple)):
        return [plain(v) for v in value]
    return str(value)


class Portal(dbus.service.Object):
    def __init__(self, bus, record):
        super().__init__(bus, PORTAL_PATH)
        self.bus = bus
        self.record = record

    @dbus.service.method(PROPS_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        if interface == EMAIL_IFACE and name == "version":
            return dbus.UInt32(4, variant_level=1)
        raise dbus.exceptions.DBusException("no such property",
                                            name="org.freedesktop.DBus.Error.InvalidArgs")

    @dbus.service.method(PROPS_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return {"version": dbus.UInt32(4)} if interface == EMAIL_IFACE else {}

    @dbus.service.method(EMAIL_IFACE, in_signature="sa{sv}", out_signature="o",
                         sender_keyword="sender")
    def ComposeEmail(self, parent_window, options, sender=None):
        call = {"parent_window": str(parent_window), "attachments": []}
        for key, value in options.items():
            if key == "attachment_fds":
                continue
            call[str(key)] = plain(value)
        for fd_object in options.get("attachment_fds", []):
            fd = fd_object.take()
            path = os.readlink("/proc/self/fd/%d" % fd)
            # The fds are O_PATH, as the real portal gets them: open the file they name.
            with open("/proc/self/fd/%d" % fd, "rb") as f:
                data = f.read()
            os.close(fd)
            call["attachments"].append({"name": os.path.basename(path), "size": len(data),
                                        "head": data[:4].decode("latin-1")})
        calls.append(call)
        save(self.record)
        token = str(options.get("handle_token", "t"))
        handle = "%s/request/%s/%s" % (PORTAL_PATH, sender[1:].replace(".", "_"), token)
        GLib.idle_add(self.respond, handle, sender)
        return dbus.ObjectPath(handle)

    def respond(self, handle, sender):
        # The portal sends Response to the caller only, as xdg-desktop-portal does.
        message = dbus.lowlevel.SignalMessage(handle, REQUEST_IFACE, "Response")
        message.set_destination(sender)
        message.append(dbus.UInt32(0), dbus.Dictionary({}, signature="sv"), signature="ua{sv}")
        self.bus.send_message(message)
        return False


class Notifications(dbus.service.Object):
    def __init__(self, bus, record):
        super().__init__(bus, "/org/gtk/Notifications")
        self.record = record

    @dbus.service.method(GTK_NOTIFICATIONS, in_signature="ssa{sv}", out_signature="")
    def AddNotification(self, app_id, notification_id, notification):
        calls.append({"method": "AddNotification", "app_id": str(app_id),
                      "id": str(notification_id), "notification": plain(notification)})
        save(self.record)

    @dbus.service.method(GTK_NOTIFICATIONS, in_signature="ss", out_signature="")
    def RemoveNotification(self, app_id, notification_id):
        calls.append({"method": "RemoveNotification", "app_id": str(app_id),
                      "id": str(notification_id)})
        save(self.record)


def main():
    mode, record = sys.argv[1], sys.argv[2]
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    save(record)
    if mode == "portal":
        service = Portal(bus, record)
        name = dbus.service.BusName(PORTAL_NAME, bus)
    else:
        service = Notifications(bus, record)
        name = dbus.service.BusName(GTK_NOTIFICATIONS, bus)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    print("ready", flush=True)
    loop.run()
    del service, name


if __name__ == "__main__":
    main()
