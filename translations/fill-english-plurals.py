#!/usr/bin/env python3
"""Fills the unfinished English plural forms of buildlens_en.ts: "%n unit(s)" -> "%n unit" / "%n units"."""
import html
import re
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("buildlens_en.ts"))
text = path.read_text(encoding="utf-8")
UNFINISHED = re.compile(
    r'<source>([^<]*)</source>(\s*)<translation type="unfinished">\s*<numerusform></numerusform>\s*'
    r'<numerusform></numerusform>\s*</translation>')


def forms(source):
    plain = html.unescape(source)
    one = re.sub(r"(\w+)\((e?s)\)", r"\1", plain)
    many = re.sub(r"(\w+)\((e?s)\)", r"\1\2", plain)
    return [html.escape(f, quote=False) for f in (one, many)]


def fill(match):
    one, many = forms(match.group(1))
    return (f"<source>{match.group(1)}</source>{match.group(2)}<translation>\n"
            f"            <numerusform>{one}</numerusform>\n"
            f"            <numerusform>{many}</numerusform>\n        </translation>")


text, count = UNFINISHED.subn(fill, text)
path.write_text(text, encoding="utf-8")
print(f"filled {count} message(s) in {path}")
