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

cp sample.tar sample.tar.gz sample.tar.bz2 sample.tar.xz sample.tar.zst sample.zip sample.7z \
   sample-bzip2.zip sample-lzma.zip sample-deflate64.zip notes-deflate64.7z \
   links.tar.gz links.zip links.7z notes.txt.gz notes.txt.bz2 notes.txt.xz notes.txt.zst stored.7z "$here/"
ls -l "$here"
