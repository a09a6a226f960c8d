#!/usr/bin/env python3
"""Generates a big workspace shaped like uutils coreutils (one library every tool uses, a proc-macro crate,
one crate per tool, a binary depending on all tools) over the crates Debian packages as librust-*-dev, then
runs `cargo metadata` on it. Usage: generate.py OUTDIR [TOOLS]  (OUTDIR/metadata.json is the result)."""
import os, random, re, shutil, subprocess, sys

out = os.path.abspath(sys.argv[1])
tools = int(sys.argv[2]) if len(sys.argv) > 2 else 240
registry = '/usr/share/cargo/registry'
here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(17)
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out + '/.cargo')
# one directory source: Debian's crates, and two versions of a small crate for a duplicate
vendor = out + '/vendor'
os.makedirs(vendor)
versions = {}
for d in sorted(os.listdir(registry)):
    m = re.match(r'(.+)-(\d+\.\d+\.\d+.*)$', d)
    if m:
        os.symlink(os.path.join(registry, d), os.path.join(vendor, d))
        versions.setdefault(m.group(1), []).append(m.group(2))
dups = os.path.join(here, '../duplicates/vendor')
for d in os.listdir(dups):
    shutil.copytree(os.path.join(dups, d), os.path.join(vendor, d))
with open(out + '/.cargo/config.toml', 'w') as f:
    f.write('[source.crates-io]\nreplace-with = "vendored"\n[source.vendored]\ndirectory = "vendor"\n'
            '[net]\noffline = true\n')
# crates that resolve offline from Debian's set (their optional dependencies are all there)
usable = ['aho-corasick', 'anyhow', 'bitflags', 'cfg-if', 'crc32fast', 'crossbeam-channel', 'either', 'fnv',
          'glob', 'humantime', 'indexmap', 'lazy_static', 'lexopt', 'libc', 'log', 'memchr', 'num_cpus',
          'once_cell', 'rand', 'rayon', 'regex', 'smallvec', 'unicode-segmentation', 'unicode-width', 'flate2',
          'gimli', 'object', 'rustc-demangle', 'hashbrown', 'serde', 'ahash', 'crossbeam-deque', 'scopeguard']
names = ('arch base32 base64 basename basenc cat chcon chgrp chmod chown chroot cksum comm cp csplit cut date dd '
         'df dir dircolors dirname du echo env expand expr factor false fmt fold groups hashsum head hostid '
         'hostname id install join kill link ln logname ls mkdir mkfifo mknod mktemp more mv nice nl nohup nproc '
         'numfmt od paste pathchk pinky pr printenv printf ptx pwd readlink realpath rm rmdir runcon seq shred '
         'shuf sleep sort split stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate tsort '
         'tty uname unexpand uniq unlink uptime users vdir wc who whoami yes').split()
tool_names = [names[i % len(names)] + ('' if i < len(names) else str(i // len(names))) for i in range(tools)]
members = ['uucore', 'uucore_procs', 'manyutils'] + ['src/uu/' + t for t in tool_names]
with open(out + '/Cargo.toml', 'w') as f:
    f.write('[workspace]\nresolver = "2"\nmembers = [%s]\n' % ', '.join('"%s"' % m for m in members))

def crate(path, name, deps, dev=(), build=(), kind='lib', extra=''):
    os.makedirs(os.path.join(out, path, 'src'), exist_ok=True)
    lines = ['[package]', 'name = "%s"' % name, 'version = "0.0.17"', 'edition = "2021"', '']
    if kind == 'proc-macro':
        lines += ['[lib]', 'proc-macro = true', '']
    lines += ['[dependencies]'] + list(deps) + [''] + (['[dev-dependencies]'] + list(dev) + [''] if dev else []) \
        + (['[build-dependencies]'] + list(build) + [''] if build else []) + [extra]
    with open(os.path.join(out, path, 'Cargo.toml'), 'w') as f:
        f.write('\n'.join(lines))
    open(os.path.join(out, path, 'src', 'main.rs' if kind == 'bin' else 'lib.rs'), 'w').close()

crate('uucore', 'uucore', ['libc = "0.2"', 'memchr = "2"', 'once_cell = "1"', 'glob = "0.3"',
                           'uucore_procs = { path = "../uucore_procs" }', 'shim = "0.1"'])
crate('uucore_procs', 'uucore_procs', ['proc-macro2 = "1"', 'quote = "1"', 'syn = "1"'], kind='proc-macro')
for t in tool_names:
    picks = rng.sample(usable, rng.choice([0, 1, 1, 2, 2, 3, 4]))
    deps = ['uucore = { path = "../../../uucore" }'] + ['%s = "%s"' % (p, versions[p][-1].split('.')[0] + ('.' + versions[p][-1].split('.')[1] if versions[p][-1].startswith('0.') else '')) for p in picks]
    if rng.random() < 0.04:
        deps.append('shim = "0.2"')
    dev = ['regex = "1"'] if rng.random() < 0.3 else []
    build = ['cc = "1"'] if rng.random() < 0.05 else []
    crate('src/uu/' + t, 'uu_' + t, deps, dev, build)
crate('manyutils', 'manyutils', ['uu_%s = { path = "../src/uu/%s" }' % (t, t) for t in tool_names] +
      ['uucore = { path = "../uucore" }', 'lexopt = "0.2"'], dev=['regex = "1"'], kind='bin')
meta = subprocess.run(['cargo', 'metadata', '--format-version', '1', '--offline'], cwd=out, check=True,
                      capture_output=True).stdout
with open(out + '/metadata.json', 'wb') as f:
    f.write(meta)
