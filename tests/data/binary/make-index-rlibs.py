#!/usr/bin/env python3
"""Writes the reduced rlibs the size tests read next to the bundled `textstat` binary.

cargo-bloat (and BuildLens) place a function in the crate whose rlib exports it, reading only the archive
symbol index of each rlib. The real rlibs of the build weigh 22 MB; this keeps, for each of them, only the
index entries that name a function of the binary, with each symbol kept in the first rlib (in build order)
that exports it, which is the one that decides. Each reduced rlib is a GNU ar archive of one object that
defines those names, so its index lists exactly them.

usage: make-index-rlibs.py BINARY DEPS_DIR SYSROOT_LIB_DIR OUT_DIR
  DEPS_DIR: target/release/deps of the build that made BINARY (its rlibs ordered by modification time)
  SYSROOT_LIB_DIR: <sysroot>/lib/rustlib/<target>/lib of the toolchain that built it
Writes OUT_DIR/deps/*.rlib and OUT_DIR/sysroot/*.rlib.
"""
import os, re, subprocess, sys, tempfile

binary, deps_dir, sysroot_dir, out = sys.argv[1:5]
LLVM = re.compile(r'\.llvm\.[0-9A-F@]+$')


def strip(name):
    return LLVM.sub('', name)


def function_symbols(path):
    names = set()
    for line in subprocess.run(['readelf', '-sW', path], capture_output=True, text=True, check=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == 'FUNC' and f[2] != '0' and f[6] != 'UND':
            names.add(strip(f[7]))
    return names


def archive_index(path):
    out = subprocess.run(['nm', '--print-armap', '--defined-only', path], capture_output=True, text=True).stdout
    names, in_map = [], False
    for line in out.splitlines():
        if line.startswith('Archive index:'):
            in_map = True
            continue
        if in_map:
            if not line.strip():
                break
            names.append(line.split(' in ')[0])
    return names


wanted = function_symbols(binary)
taken = set()


def reduce(src_dir, dst_dir, order_by_mtime):
    os.makedirs(dst_dir, exist_ok=True)
    libs = [f for f in os.listdir(src_dir) if f.startswith('lib') and f.endswith('.rlib')]
    libs.sort(key=(lambda f: os.path.getmtime(os.path.join(src_dir, f))) if order_by_mtime else None)
    for lib in libs:
        keep = []
        for name in archive_index(os.path.join(src_dir, lib)):
            if strip(name) in wanted and strip(name) not in taken:
                taken.add(strip(name))
                keep.append(name)
        with tempfile.TemporaryDirectory() as tmp:
            asm, obj = os.path.join(tmp, 'index.s'), os.path.join(tmp, 'index.o')
            with open(asm, 'w') as f:
                f.write('.text\n')
                for name in keep:
                    f.write(f'.globl "{name}"\n"{name}":\n')
            subprocess.run(['as', '-o', obj, asm], check=True)
            dst = os.path.join(dst_dir, lib)
            if os.path.exists(dst):
                os.remove(dst)
            subprocess.run(['ar', 'rcs', dst, obj], check=True)
        print(f'{lib}: {len(keep)} symbols')


reduce(deps_dir, os.path.join(out, 'deps'), True)
reduce(sysroot_dir, os.path.join(out, 'sysroot'), False)
