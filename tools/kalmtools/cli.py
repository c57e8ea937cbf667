"""What the set-checking tools share on the command line: the kalm binary and progress."""
import os
import sys

DEFAULT_KALM = os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "kalm")


def add_kalm_option(parser):
    """Adds --kalm (default: the release build)."""
    parser.add_argument("--kalm", default=DEFAULT_KALM)


def require_kalm(parser, path):
    """Ends through `parser.error` (one line, exit 2) when `path` is no executable."""
    if not os.access(path, os.X_OK):
        parser.error(f"{path}: no kalm binary there (swift build -c release)")


def progress(done, total, what=""):
    """Redraws 'done/total what' on stderr when it is a terminal; at done == total, ends the line."""
    if sys.stderr.isatty():
        print(f"\r{done}/{total} {what}".rstrip(), end="\n" if done == total else "", file=sys.stderr, flush=True)
