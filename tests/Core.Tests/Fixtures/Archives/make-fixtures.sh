#!/usr/bin/env bash
# Regenerates the archive fixtures of tests/Core.Tests/Extraction with the real tools
# (GNU tar, gzip, bzip2, xz, zstd, Info-ZIP zip, p7zip). The files are committed; run this
# only to change them, then update the tests that count their entries.
#
#   sample.*         sample/README.txt, sample/data/numbers.csv (deflates), sample/data/empty.txt (0 bytes),
#                    sample/empty/ (an empty folder) — one per format
#   links.*          tools/bin/tool.sh (mode 0755), tools/bin/tool -> tool.sh, tools/doc -> ../share,
#                    tools/share/notes.txt — an executable and symlinks that stay inside the root
#   notes.txt.*      one compressed file (not a tar) per single-file format
#   stored.7z        notes.txt without compression, so a flipped data byte reaches the CRC check
#   sample-bzip2.zip, sample-lzma.zip
#                    the sample tree with methods the BCL cannot inflate, so SharpCompress reads them
#                    (7-Zip stores the files too small to compress, so each mixes Stored and its method)
#   sample-deflate64.zip
#                    the sample tree in Deflate64, which the BCL reads (managed, not zlib)
#   notes-deflate64.7z
#                    notes.txt in a 7z compressed with Deflate64, which SharpCompress does not read in 7z
#
# Archives as the world makes them (issue #15; the tests record the tree bsdtar extracts from each):
#   git-archive.tar.gz
#                    `git archive --format=tar.gz` of a small repository: a pax global header ('g')
#                    first, a pax 'x' header for a path longer than 100 bytes, an executable, a symlink
#   gnu-{v7,oldgnu,gnu,posix}.tar.gz
#                    GNU tar's formats over fmt/: a hard link, a symlink, an empty folder, a file dated
#                    1960 (a negative time: base-256 in gnu/oldgnu, a pax record in posix) and a long
#                    name (neither in v7); posix also carries a binary xattr record (bytes 0xFF, newline, '=')
#   sparse-{gnu,pax-0.0,pax-0.1,pax-1.0}.tar.gz
#                    sp/holes.bin: 200000 bytes, data at 0, 70000 and 199997, holes between, in each of
#                    GNU tar's sparse formats (needs a file system with holes, such as ext4 or tmpfs);
#                    pax 0.1 and 1.0 store the entry as GNUSparseFile.<pid>/holes.bin, so those two
#                    may differ in that name on every run
#   latin1-names.tar.gz
#                    two files whose names are Latin-1 bytes, not UTF-8 ("caf\xE9.txt", "caf\xE8.txt")
#   cp437.zip        Info-ZIP zip of names in code page 437 bytes ("caf\x82.txt", "caf\x8A.txt"), no UTF-8 flag
#   utf8-unflagged.zip
#                    Info-ZIP zip of "names/café.txt": UTF-8 bytes without the UTF-8 flag, as zip on Linux writes
#   prefixed.zip     a shell stub, then sample.zip unchanged (offsets relative to the zip, as `cat` makes it)
#   sfx.zip          the same, offsets adjusted by `zip -A` (as self-extractors are)
#   sample-padded.tar.gz
#                    sample.tar.gz padded with zeros to a 2048-byte block by `dd conv=sync`, as tape writers do
#   notes-pzstd.txt.zst
#                    notes.txt through pzstd, whose output opens with a skippable frame
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# Fixed times, owners and order, so a rerun gives the same bytes where the tools allow it.
stamp='2024-01-02 03:04:05 UTC'
# --blocking-factor=1: no padding to 10 KiB, so the fixtures stay small.
tar_flags=(--blocking-factor=1 --sort=name --mtime="$stamp" --owner=0 --group=0 --numeric-owner --format=gnu)

mkdir -p sample/data sample/empty
printf 'Fetch.Build fixture\n' > sample/README.txt
{ echo 'n,square'; for n in $(seq 1 50); do echo "$n,$((n * n))"; done; } > sample/data/numbers.csv
: > sample/data/empty.txt

mkdir -p tools/bin tools/share
printf '#!/bin/sh\necho tool\n' > tools/bin/tool.sh
chmod 0755 tools/bin/tool.sh
ln -s tool.sh tools/bin/tool
ln -s share tools/doc
printf 'inside the root\n' > tools/share/notes.txt
chmod 0644 sample/data/empty.txt sample/README.txt sample/data/numbers.csv tools/share/notes.txt

printf 'one compressed file, not a tar\n' > notes.txt
find sample tools notes.txt -exec touch -h -d "$stamp" {} +

# Listed, not recursed: no entry for sample/data/, so its creation from a deeper name is covered,
# and the tar stays under 5 KiB (nine 512-byte blocks).
tar "${tar_flags[@]}" --no-recursion -cf sample.tar \
    sample sample/README.txt sample/data/empty.txt sample/data/numbers.csv sample/empty
gzip -9 -n -c sample.tar > sample.tar.gz
bzip2 -9 -c sample.tar > sample.tar.bz2
xz -9 -c sample.tar > sample.tar.xz
zstd -q -19 -c sample.tar > sample.tar.zst
# -X: no extra uid/gid fields.
zip -q -X -r sample.zip sample
7z a -bd -mx=9 sample.7z sample > /dev/null
7z a -bd -tzip -mm=BZip2 sample-bzip2.zip sample > /dev/null
7z a -bd -tzip -mm=LZMA sample-lzma.zip sample > /dev/null
7z a -bd -tzip -mm=Deflate64 sample-deflate64.zip sample > /dev/null
# 7z with Deflate64, a method SharpCompress reads in zip but not in 7z.
7z a -bd -m0=Deflate64 notes-deflate64.7z notes.txt > /dev/null

tar "${tar_flags[@]}" -czf links.tar.gz tools
# -y stores symlinks as links (mode 0120777 in the external attributes), not as the files they point to.
zip -q -X -r -y links.zip tools
7z a -bd -snl links.7z tools > /dev/null

gzip -9 -n -c notes.txt > notes.txt.gz
bzip2 -9 -c notes.txt > notes.txt.bz2
xz -9 -c notes.txt > notes.txt.xz
zstd -q -19 -c notes.txt > notes.txt.zst
7z a -bd -mx=0 stored.7z notes.txt > /dev/null

# --- Archives as the world makes them -------------------------------------------------------------

# git archive: times from the commit, gzip by git itself, so fixed dates give the same bytes.
mkdir repo
(
  cd repo
  export GIT_AUTHOR_DATE="$stamp" GIT_COMMITTER_DATE="$stamp" GIT_AUTHOR_NAME=fixture GIT_COMMITTER_NAME=fixture \
         GIT_AUTHOR_EMAIL=fixture@example.test GIT_COMMITTER_EMAIL=fixture@example.test
  git init -q
  mkdir -p src
  printf 'hello\n' > README.md
  printf '#!/bin/sh\necho run\n' > src/run.sh
  chmod +x src/run.sh
  ln -s README.md link.md
  printf 'deep\n' > "src/$(printf 'long-name-%.0s' $(seq 1 10))end.txt"
  git add -A
  git -c core.fileMode=true commit -q -m fixture
  git archive --format=tar.gz --prefix=repo-1.0/ -o ../git-archive.tar.gz HEAD
)

mkdir -p fmt/empty
printf 'alpha\n' > fmt/a.txt
ln fmt/a.txt fmt/hard.txt
ln -s a.txt fmt/sym
printf 'old\n' > fmt/old.txt
printf '#!/bin/sh\necho fmt\n' > fmt/run.sh
chmod 0755 fmt/run.sh
chmod 0644 fmt/a.txt fmt/old.txt
long="fmt/$(printf 'n%.0s' $(seq 1 120)).txt"
printf 'long\n' > "$long"
find fmt -exec touch -h -d "$stamp" {} +
touch -d '1960-01-01 00:00:00 UTC' fmt/old.txt
fmt_flags=(--blocking-factor=1 --sort=name --owner=0 --group=0 --numeric-owner)
# V7 holds neither a long name nor a time before 1970.
tar "${fmt_flags[@]}" --format=v7 --exclude="$long" --exclude=fmt/old.txt -cf gnu-v7.tar fmt
tar "${fmt_flags[@]}" --format=oldgnu -cf gnu-oldgnu.tar fmt
tar "${fmt_flags[@]}" --format=gnu -cf gnu-gnu.tar fmt
# A binary xattr value on every entry: GNU tar adds the record as given.
tar "${fmt_flags[@]}" --format=posix --pax-option=delete=atime,delete=ctime \
    --pax-option="SCHILY.xattr.user.bin:=$(printf 'A\xff\xfe\n=\x01Z')" -cf gnu-posix.tar fmt
for f in v7 oldgnu gnu posix; do gzip -9 -n gnu-$f.tar; done

mkdir sp
truncate -s 200000 sp/holes.bin
printf 'start' | dd of=sp/holes.bin conv=notrunc status=none
printf 'middle' | dd of=sp/holes.bin bs=1 seek=70000 conv=notrunc status=none
printf 'end' | dd of=sp/holes.bin bs=1 seek=199997 conv=notrunc status=none
chmod 0644 sp/holes.bin
touch -d "$stamp" sp sp/holes.bin
sparse_flags=(--blocking-factor=1 --sort=name --mtime="$stamp" --owner=0 --group=0 --numeric-owner --sparse)
tar "${sparse_flags[@]}" --format=gnu -cf sparse-gnu.tar sp
for v in 0.0 0.1 1.0; do
  tar "${sparse_flags[@]}" --format=posix --sparse-version=$v --pax-option=delete=atime,delete=ctime -cf sparse-pax-$v.tar sp
done
for f in sparse-gnu sparse-pax-0.0 sparse-pax-0.1 sparse-pax-1.0; do
  # Without holes in this file system, GNU tar writes a plain file: refuse to make a fixture that tests nothing.
  if [ "$(stat -c %s $f.tar)" -gt 20000 ]; then echo "$f.tar is not sparse: use a file system with holes" >&2; exit 1; fi
  gzip -9 -n $f.tar
done

mkdir latin1
printf 'e acute\n' > "latin1/caf$(printf '\xe9').txt"
printf 'e grave\n' > "latin1/caf$(printf '\xe8').txt"
touch -d "$stamp" latin1 latin1/*
tar "${tar_flags[@]}" -czf latin1-names.tar.gz latin1

mkdir legacy names
printf 'e acute\n' > "legacy/caf$(printf '\x82').txt"
printf 'e grave\n' > "legacy/caf$(printf '\x8a').txt"
printf 'utf-8\n' > names/café.txt
touch -d "$stamp" legacy legacy/* names names/*
LC_ALL=C zip -q -X -r cp437.zip legacy
LC_ALL=C.UTF-8 zip -q -X -r utf8-unflagged.zip names

printf '#!/bin/sh\necho "a self-extractor would run here"\nexit 0\n' > stub.sh
cat stub.sh sample.zip > prefixed.zip
cp prefixed.zip sfx.zip
zip -q -A sfx.zip

gzip -9 -n -c sample.tar > sample-unpadded.tar.gz
dd if=sample-unpadded.tar.gz of=sample-padded.tar.gz bs=2048 conv=sync status=none

pzstd -q -c notes.txt > notes-pzstd.txt.zst

cp sample.tar sample.tar.gz sample.tar.bz2 sample.tar.xz sample.tar.zst sample.zip sample.7z \
   sample-bzip2.zip sample-lzma.zip sample-deflate64.zip notes-deflate64.7z \
   links.tar.gz links.zip links.7z notes.txt.gz notes.txt.bz2 notes.txt.xz notes.txt.zst stored.7z \
   git-archive.tar.gz gnu-v7.tar.gz gnu-oldgnu.tar.gz gnu-gnu.tar.gz gnu-posix.tar.gz \
   sparse-gnu.tar.gz sparse-pax-0.0.tar.gz sparse-pax-0.1.tar.gz sparse-pax-1.0.tar.gz \
   latin1-names.tar.gz cp437.zip utf8-unflagged.zip prefixed.zip sfx.zip sample-padded.tar.gz notes-pzstd.txt.zst "$here/"
ls -l "$here"
