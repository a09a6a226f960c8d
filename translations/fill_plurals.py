#!/usr/bin/env python3
# Fills translations/buildlens_en.ts, which holds only the plural messages, with the English singular and
# plural of each source ("%n unit(s)" -> "%n unit" / "%n units"; "dependenc(ies)" -> "dependency" /
# "dependencies"), dropping messages the sources no longer have. Run after
# `cmake --build build --target update_translations`.
import re, sys
import xml.etree.ElementTree as ET
p = sys.argv[1]
tree = ET.parse(p)
root = tree.getroot()
plural = re.compile(r"(?<=\w)\((s|es)\)")
n = 0
for msg in root.iter('message'):
    if msg.get('numerus') != 'yes':
        continue
    src = msg.find('source').text
    tr = msg.find('translation')
    if tr.get('type') in ('vanished', 'obsolete'):
        continue
    for child in list(tr):
        tr.remove(child)
    tr.text = None
    tr.attrib.pop('type', None)
    one = plural.sub('', src).replace('c(ies)', 'cy')
    many = plural.sub(lambda m: m.group(1), src).replace('c(ies)', 'cies')
    for form in (one, many):
        f = ET.SubElement(tr, 'numerusform')
        f.text = form
    n += 1
for context in root.iter('context'):
    for msg in list(context.findall('message')):
        if msg.find('translation').get('type') in ('vanished', 'obsolete'):
            context.remove(msg)
ET.indent(tree, space='    ')
body = ET.tostring(root, encoding='unicode')
open(p, 'w').write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + '\n')
print(n, "plural messages")
