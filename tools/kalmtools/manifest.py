"""The items of a generated set (its manifest.json), chosen by kind and condition."""
import json
import os


def select(parser, folder, only):
    """Reads `folder`/manifest.json and returns (manifest, items whose kind:condition is in
    the comma list `only`; all items when it is empty). Bad input ends through
    `parser.error`: one line, exit 2."""
    path = os.path.join(folder, "manifest.json")
    if not os.path.isfile(path):
        parser.error(f"{folder}: no manifest.json (make the set with tools/make-call)")
    with open(path) as f:
        manifest = json.load(f)
    wanted = {tuple(x.split(":", 1)) for x in only.split(",") if x}
    items = [it for it in manifest["items"] if not wanted or (it["kind"], it.get("condition", "clean")) in wanted]
    if not items:
        parser.error(f"{folder}: no items match --only {only}")
    return manifest, items
