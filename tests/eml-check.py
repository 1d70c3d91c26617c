#!/usr/bin/python3
# eml-check.py FILE [FOLDER]: reads an e-mail draft with Python's email package, as a mail
# program would, and prints what it holds as JSON: the headers To, From, Subject and
# X-Unsent, the text body, and each attachment's content type, file name, size and first
# bytes; with FOLDER, writes the attachments there. SPDX-License-Identifier: GPL-3.0-or-later
import email
import email.policy
import json
import os
import sys

with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)
folder = sys.argv[2] if len(sys.argv) > 2 else None
body = message.get_body(preferencelist=("plain",))
out = {
    "to": [a.addr_spec for a in message["To"].addresses] if message["To"] else [],
    "to_names": [a.display_name for a in message["To"].addresses] if message["To"] else [],
    "subject": str(message["Subject"] or ""),
    "x_unsent": str(message["X-Unsent"] or ""),
    "content_type": message.get_content_type(),
    "defects": [str(d) for d in message.defects],
    "body": body.get_content() if body is not None else None,
    "body_charset": body.get_content_charset() if body is not None else None,
    "attachments": [],
}
for part in message.iter_attachments():
    data = part.get_content()
    name = part.get_filename()
    out["attachments"].append({"type": part.get_content_type(), "filename": name,
                               "size": len(data), "head": data[:4].decode("latin-1")})
    if folder is not None:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
print(json.dumps(out, ensure_ascii=False))
