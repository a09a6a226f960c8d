#!/usr/bin/env python3
"""Seeds a libFuzzer corpus per importer from the test data, plus the hostile inputs that once crashed,
hung or were taken silently (each a small edit of a real file).

usage: make-seeds.py TEST_DATA_DIR OUT_DIR   (writes OUT_DIR/<kind>/...)
"""
import glob, gzip, json, os, re, shutil, struct, sys

data, out = sys.argv[1:3]
MAX_SEED = 1 << 20  # larger files slow every mutation; their smaller siblings carry the same structure


def files(*patterns):
    found = []
    for p in patterns:
        found += sorted(glob.glob(os.path.join(data, p), recursive=True))
    return [f for f in found if os.path.isfile(f) and os.path.getsize(f) <= MAX_SEED]


def put(kind, name, content):
    d = os.path.join(out, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(content)


def copy(kind, paths):
    for p in paths:
        put(kind, re.sub(r'[^A-Za-z0-9._-]', '_', os.path.relpath(p, data)), open(p, 'rb').read())


def read(rel):
    return open(os.path.join(data, rel), 'rb').read()


def contains(path, needle):
    with open(path, 'rb') as f:
        return needle in f.read()


jsonl = files('**/*.jsonl')
copy('timings_html', files('timings/**/*.html', 'rebuilds/*.html'))
copy('build_analysis', [f for f in jsonl if contains(f, b'"unit-started"')])
copy('timing_info', [f for f in jsonl if contains(f, b'timing-info')])
copy('cargo_stderr', files('rebuilds/*.stderr.txt'))
copy('mm_profdata', files('self-profile/**/*.mm_profdata'))
copy('profile_json', files('self-profile/**/*.summarize.json', 'self-profile/**/*.json.gz'))
copy('bloat_json', files('binary/bloat*.json'))
copy('llvm_lines', files('binary/llvm-lines*.txt'))
copy('cargo_metadata', files('other/metadata.json', 'workspaces/duplicates/metadata.json'))
copy('elf', files('binary/sysroot/*.rlib')[:2] + files('binary/deps/*.rlib')[:2])
put('elf', 'textstat', read('binary/textstat'))  # the smallest real binary
# hyperfine's export, as `hyperfine --export-json` writes it for two commands
put('hyperfine', 'two-commands.json', b'''{"results": [
  {"command": "cargo build", "mean": 1.52, "stddev": 0.08, "median": 1.5, "user": 2.9, "system": 0.4,
   "min": 1.43, "max": 1.63, "times": [1.43, 1.5, 1.63], "exit_codes": [0, 0, 0]},
  {"command": "cargo build --release", "mean": 3.1, "stddev": null, "median": 3.1, "user": 5.0, "system": 0.5,
   "min": 3.1, "max": 3.1, "times": [3.1], "exit_codes": [0]}]}
''')
# --- what once went wrong, kept as seeds ---------------------------------------------------------------------
log = read('build-analysis/dev-clean.jsonl')
put('build_analysis', 'negative-elapsed.jsonl',
    re.sub(rb'("reason":"unit-started","index":\d+,"elapsed":)[0-9.]+', rb'\g<1>-3.5', log, count=1))
put('build_analysis', 'self-unblock.jsonl',
    re.sub(rb'("reason":"unit-finished","index":(\d+),"elapsed":[0-9.]+,"unblocked":\[)', rb'\g<1>\g<2>,', log,
           count=1))

info = read('logs/timing-info.dev-clean.debian-1.65.jsonl')
put('timing_info', 'negative-duration.jsonl', re.sub(rb'"duration":[0-9.]+', b'"duration":-2.5', info, count=1))
put('timing_info', 'rmeta-ten-times.jsonl', re.sub(rb'"rmeta_time":[0-9.]+', b'"rmeta_time":99.0', info, count=1))
put('timing_info', 'standard-spacing.jsonl', info.replace(b'":', b'": ').replace(b',"', b', "'))

summ = read('self-profile/fnv-0012953.summarize.json')
put('profile_json', 'negative-self-time.json', re.sub(rb'"self_time_ns": ?\d+', b'"self_time_ns": -5', summ, count=1))
put('profile_json', 'nanos-5e9.json', re.sub(rb'"nanos": ?\d+', b'"nanos": 5000000000', summ, count=1))
put('profile_json', 'count-1e32.json',
    re.sub(rb'"invocation_count": ?\d+', b'"invocation_count": 111111111111111111111111111111111', summ, count=1))

# Chrome trace events of 143 years on three threads (their sum once overflowed), and one past the year 2100
put('profile_json', 'years-long-threads.json', ('[' + ','.join(
    '{"name":"a","cat":"Query","ph":"X","ts":0,"dur":4500000000000000,"pid":1,"tid":%d}' % t
    for t in (1, 2, 3)) + ']').encode())
put('profile_json', 'ts-past-2100.json', b'[{"name":"late","ph":"X","ts":1.8e21,"dur":5,"pid":1,"tid":1}]')

bloat = read('binary/bloat.textstat.functions.json')
put('bloat_json', 'negative-size.json', re.sub(rb'"size": ?\d+', b'"size": -1', bloat, count=1))
lines = read('binary/llvm-lines.textstat.release.txt')
put('llvm_lines', 'total-5.txt', re.sub(rb'\d+(\s+\d+\s+\(TOTAL\))', rb'5\1', lines, count=1))

# a self-profile whose string table doubles: each string two references to the next, 40 levels deep
prof = bytearray(read('self-profile/fnv-0012953.mm_profdata'))
string_bytes, first_event, pos = 0, None, 8
while pos + 5 <= len(prof):
    tag = prof[pos]
    size = struct.unpack_from('<I', prof, pos + 1)[0]
    if tag == 1:
        string_bytes += size
    if tag == 0 and first_event is None:
        first_event = bytes(prof[pos + 5 + 8:pos + 5 + 8 + 32])
    pos += 5 + size
FIRST_REGULAR_ID = 100_000_003
strings = bytearray()
for k in range(40):
    nxt = string_bytes + (k + 1) * 19
    for _ in range(2):
        strings += b'\xfe' + struct.pack('<Q', FIRST_REGULAR_ID + nxt)
    strings += b'\xff'
strings += b'ab\xff'
page = bytearray(b'\x01') + struct.pack('<I', len(strings)) + strings
event = first_event[:8] + struct.pack('<QIIII', FIRST_REGULAR_ID + string_bytes, 3, 0, 10, 0)
page += b'\x00' + struct.pack('<I', 32) + event
put('mm_profdata', 'doubling-strings.mm_profdata', bytes(prof + page))

# --- small seeds: each a real file cut down, so that the fuzzers spend their executions on structure rather
# than on reading hundreds of kilobytes (a 260 KB profile runs ~150 times a second under ASan, a 40 KB one
# thousands of times) ----------------------------------------------------------------------------------------
def shrink_json(value, keep):
    if isinstance(value, list):
        return [shrink_json(v, keep) for v in value[:keep]]
    if isinstance(value, dict):
        return {k: shrink_json(v, keep) for k, v in value.items()}
    return value


def small_lines(kind, rel, head, tail=0, only=None):
    lines = read(rel).splitlines(keepends=True)
    first = [l for l in lines if only is None or re.search(only, l)][:head]
    put(kind, 'small-' + re.sub(r'[^A-Za-z0-9._-]', '_', rel), b''.join(first + (lines[-tail:] if tail else [])))


def small_json(kind, rel, keep, name=None):
    raw = read(rel)
    if rel.endswith('.gz'):
        raw = gzip.decompress(raw)
    put(kind, name or 'small-' + re.sub(r'[^A-Za-z0-9._-]', '_', rel.replace('.gz', '')),
        json.dumps(shrink_json(json.loads(raw), keep), separators=(',', ':')).encode())


def small_html(rel, units):
    """The report with its unit list cut to the first `units` (their unblock lists kept within them) and its
    concurrency samples to as many."""
    text = read(rel).decode()

    def cut(m):
        data = json.loads(m.group(2))
        if isinstance(data, list) and data and isinstance(data[0], dict) and 'i' in data[0]:
            data = data[:units]
            for u in data:
                for key in ('unblocked_units', 'unblocked_rmeta_units', 'unlocked_units', 'unlocked_rmeta_units'):
                    if isinstance(u.get(key), list):
                        u[key] = [i for i in u[key] if isinstance(i, int) and i < units]
        elif isinstance(data, list):
            data = data[:units * 2]
        return m.group(1) + json.dumps(data) + ';'

    text = re.sub(r'(const (?:UNIT_DATA|CONCURRENCY_DATA|CPU_USAGE) = )(.*?);\n', lambda m: cut(m) + '\n', text,
                  flags=re.S)
    name = re.sub(r'[^A-Za-z0-9._-]', '_', rel)
    put('timings_html', 'small-' + name, text.encode())
    # lean: what the importer reads and nothing else, about a tenth of the size. No style sheets; of the
    # scripts only their `NAME = value;` lines (the code that draws the charts goes); the unit table's rows cut
    # to the units kept
    lean = re.sub(r'<style[^>]*>.*?</style>\s*', '', text, flags=re.S)
    lean = re.sub(r'(<script[^>]*>)(.*?)(</script>)',
                  lambda m: m.group(1) + '\n' + ''.join(
                      l for l in m.group(2).splitlines(keepends=True) if re.match(r'(const )?[A-Z_]+ = ', l)) +
                  m.group(3), lean, flags=re.S)
    rows = 0

    def row(m):
        nonlocal rows
        rows += 1
        return m.group(0) if rows <= units else ''

    lean = re.sub(r'(<table class="my-table">.*?</table>)',
                  lambda t: re.sub(r'<tr>\s*<td>\d+\.</td>.*?</tr>\s*', row, t.group(1), flags=re.S), lean,
                  flags=re.S)
    put('timings_html', 'lean-' + name, lean.encode())
    return lean.encode()


def lean_profile(rel, keep):
    """A real v9 self-profile cut to its first `keep` events and only the strings they use (their references
    followed, addresses renumbered), in one page per stream: a few kilobytes instead of forty."""
    raw = read(rel)
    assert raw[:4] == b'MMPD' and struct.unpack_from('<I', raw, 4)[0] == 9
    streams, pos = {0: bytearray(), 1: bytearray(), 2: bytearray()}, 8
    while pos + 5 <= len(raw):
        tag, size = raw[pos], struct.unpack_from('<I', raw, pos + 1)[0]
        streams[tag] += raw[pos + 5:pos + 5 + size]
        pos += 5 + size
    events, data, index = bytes(streams[0]), bytes(streams[1]), bytes(streams[2])
    first_regular, metadata = 100_000_003, 100_000_001
    address = {struct.unpack_from('<Q', index, o)[0]: struct.unpack_from('<Q', index, o + 8)[0]
               for o in range(8, len(index) - 15, 16)}

    def addr_of(i):
        return i - first_regular if i >= first_regular else address.get(i)

    def refs(a):  # the ids a string refers to, and where it ends
        out = []
        while data[a] != 0xFF:
            if data[a] == 0xFE:
                out.append(struct.unpack_from('<Q', data, a + 1)[0])
                a += 9
            else:
                a += 1
        return out, a + 1

    records = [events[8 + 32 * k:8 + 32 * (k + 1)] for k in range(min(keep, (len(events) - 8) // 32))]
    todo = [metadata] + [struct.unpack_from('<Q', r, o)[0] for r in records for o in (0, 8)]
    needed = set()  # string addresses
    virtual = set()
    while todo:
        i = todo.pop()
        a = addr_of(i)
        if a is None:
            continue
        if i < first_regular:
            virtual.add(i)  # two ids may share a string
        if a in needed:
            continue
        needed.add(a)
        todo += refs(a)[0]
    moved, new_data = {}, bytearray(b'MMSD' + struct.pack('<I', 9))
    for a in sorted(needed):
        moved[a] = len(new_data)
        end = refs(a)[1]
        new_data += data[a:end]

    def renumber(i):
        return first_regular + moved[i - first_regular] if i >= first_regular and i - first_regular in moved else i

    for a in sorted(needed):  # references within the strings
        b = moved[a]
        while new_data[b] != 0xFF:
            if new_data[b] == 0xFE:
                struct.pack_into('<Q', new_data, b + 1, renumber(struct.unpack_from('<Q', new_data, b + 1)[0]))
                b += 9
            else:
                b += 1
    new_events = bytearray(b'MMES' + struct.pack('<I', 9))
    for r in records:
        r = bytearray(r)
        for o in (0, 8):
            struct.pack_into('<Q', r, o, renumber(struct.unpack_from('<Q', r, o)[0]))
        new_events += r
    new_index = bytearray(b'MMSI' + struct.pack('<I', 9))
    for i in sorted(virtual):
        new_index += struct.pack('<QQ', i, moved[address[i]])
    out = bytearray(b'MMPD' + struct.pack('<I', 9))
    for tag, payload in ((0, new_events), (1, new_data), (2, new_index)):
        out += bytes([tag]) + struct.pack('<I', len(payload)) + payload
    put('mm_profdata', 'lean-%d-' % keep + os.path.basename(rel), bytes(out))


lean_html = small_html('timings/stable-1.95/dev-clean.html', 6)
lean_old_html = small_html('timings/debian-1.65/dev-clean.html', 6)
small_html('timings/nightly-1.97/dev-clean.html', 6)
lean_profile('self-profile/tiny/add-0015232.mm_profdata', 60)
lean_profile('self-profile/tiny/add-generic-activity-0015221.mm_profdata', 200)
small_lines('build_analysis', 'build-analysis/dev-clean.jsonl', 24, 2)
small_lines('timing_info', 'logs/timing-info.dev-clean.debian-1.65.jsonl', 8)
def unblock_cycle(html):
    """The first unit unblocks itself and the second, which unblocks the first."""
    def edit(m):
        units = json.loads(m.group(2))
        a, b = units[0]['i'], units[1]['i']
        units[0]['unblocked_units'], units[1]['unblocked_units'] = [a, b], [a]
        return m.group(1) + json.dumps(units).encode() + b';\n'
    return re.sub(rb'(const UNIT_DATA = )(.*?);\n', edit, html, count=1, flags=re.S)


# the inputs that once went wrong, made again from the lean seeds, so that they fit the fuzzers' size cap
for prefix, html, old in (('', read('timings/stable-1.95/dev-clean.html'), read('timings/debian-1.65/dev-clean.html')),
                          ('lean-', lean_html, lean_old_html)):
    put('timings_html', prefix + 'duration-1e300.html',
        re.sub(rb'"duration": [0-9.]+', b'"duration": 1e300', html, count=1))
    put('timings_html', prefix + 'section-end-before-start.html',
        re.sub(rb'("sections": \[\s*\[\s*"[a-z]+",\s*\{\s*"start": [0-9.]+,\s*"end": )[0-9.]+', rb'\g<1>-1.0',
               html, count=1))
    put('timings_html', prefix + 'unblock-cycle.html', unblock_cycle(html))
    put('timings_html', prefix + 'rmeta-1000.html',
        re.sub(rb'"rmeta_time": [0-9.]+', b'"rmeta_time": 1000', old, count=1))
# cargo's fingerprint log: its first reasons, then the Compiling/Fresh/Running lines of the build
small_lines('cargo_stderr', 'rebuilds/00-clean.stable.stderr.txt', 12, 70, rb' INFO ')
small_lines('cargo_stderr', 'rebuilds/04-rustflags.stable.stderr.txt', 12, 70, rb' INFO ')
# and without the `Running` command lines, which the importer skips and which are most of a -v capture's bytes
for rel in ('rebuilds/00-clean.stable.stderr.txt', 'rebuilds/03-build-script-input.stable.stderr.txt'):
    kept = [l for l in read(rel).splitlines(keepends=True) if not l.lstrip().startswith(b'Running `')]
    put('cargo_stderr', 'lean-' + re.sub(r'[^A-Za-z0-9._-]', '_', rel),
        b''.join([l for l in kept if b' INFO ' in l][:16] + [l for l in kept if b' INFO ' not in l][:40]))
small_lines('llvm_lines', 'binary/llvm-lines.textstat.release.txt', 24)
small_json('profile_json', 'self-profile/fnv-0012953.summarize.json', 12)
small_json('profile_json', 'self-profile/fnv-0012953.crox.chrome_profiler.json.gz', 40)
small_json('bloat_json', 'binary/bloat.textstat.functions.json', 12)
small_json('bloat_json', 'binary/bloat.textstat.crates.json', 12)
small_json('cargo_metadata', 'other/metadata.json', 6)

# `any` (the kind told from the content) starts from the smallest seed of every kind
os.makedirs(os.path.join(out, 'any'), exist_ok=True)
for kind in sorted(os.listdir(out)):
    d = os.path.join(out, kind)
    if kind == 'any' or not os.listdir(d):
        continue
    smallest = min(os.listdir(d), key=lambda n: os.path.getsize(os.path.join(d, n)))
    shutil.copy(os.path.join(d, smallest), os.path.join(out, 'any', kind + '.' + smallest))
