#!/usr/bin/env bash
# Fetch.Build benchmarks, side by side with the tools a user would use instead (issue 6).
# One command: installs nginx, aria2 and hyperfine, generates data, serves it on 127.0.0.1 and
# measures whole commands, printing medians and the ratio to the competitor measured in the same
# run. Results: $WORK/results.md (copy the table into docs/benchmarks.md). Not part of CI.
#
#   bash bench/run.sh [P1 P2 ...]      (default: every scenario)
#   WORK=/tmp/fetch-bench RUNS=5 FAST_RUNS=30 bash bench/run.sh
# RUNS rounds for the scenarios of seconds (P2, P4, P5), FAST_RUNS for those of tens of
# milliseconds (P1, P3), where the machine's own noise (±100 ms here) needs more samples.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/fetch-bench}"
RUNS="${RUNS:-5}"
FAST_RUNS="${FAST_RUNS:-30}"
PORT="${PORT:-18080}"
LATENCY_PORT="${LATENCY_PORT:-18081}"
# STORE (P9): what one connection to the throttled origin gets (nginx limit_rate).
ORIGIN_RATE="${ORIGIN_RATE:-25m}"
scenarios=("${@:-P1 P2 P3 P3X PEERS P4 P5 P6 P7 P8 STORE}")
scenarios=(${scenarios[*]})
want() { [[ " ${scenarios[*]} " == *" $1 "* ]]; }

need() { command -v "$1" >/dev/null 2>&1; }
if ! need nginx || ! need aria2c || ! need hyperfine || ! need unzip || ! need zip || ! need jq || ! need mkfs.xfs \
  || ! /usr/bin/python3 -c "import pooch" 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq nginx aria2 hyperfine unzip zip jq xfsprogs python3-pooch >/dev/null
fi

mkdir -p "$WORK"/{data,feed,packages,projects,hf}
data="$WORK/data"
results="$WORK/results.md"
: > "$results"
export NUGET_PACKAGES="$WORK/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- data -----------------------------------------------------------------------------
make_file() { [ -f "$1" ] || head -c "$2" /dev/urandom > "$1"; }
make_file "$data/1g.bin" $((1024 * 1024 * 1024))
make_file "$data/256m.bin" $((256 * 1024 * 1024))
mkdir -p "$data/small"
for i in $(seq 1 200); do make_file "$data/small/f$i.bin" 65536; done
for i in $(seq 1 100); do make_file "$data/small/p$i.bin" 1024; done
if want P4 && [ ! -f "$data/tree.tar.gz" ]; then
  # ~10k files, ~500 MB: text-like content so gzip has work to do, as in real datasets.
  rm -rf "$WORK/tree" && mkdir -p "$WORK/tree/dataset"
  python3 - "$WORK/tree/dataset" <<'PY'
import os, random, sys
root = sys.argv[1]; random.seed(7)
words = [("w%05d" % i).encode() for i in range(50000)]
for d in range(100):
    os.makedirs(f"{root}/d{d:03}", exist_ok=True)
    for f in range(100):
        n = random.randint(20000, 80000)
        out = bytearray()
        while len(out) < n:
            out += random.choice(words) + (b" " if random.random() < .9 else b"\n")
        open(f"{root}/d{d:03}/f{f:03}.txt", "wb").write(out[:n])
PY
  tar -C "$WORK/tree" -czf "$data/tree.tar.gz" dataset
  (cd "$WORK/tree" && zip -qr "$data/tree.zip" dataset)
fi
need_4g() { make_file "$data/4g.bin" $((4 * 1024 * 1024 * 1024)); }

sha() { sha256sum "$1" | cut -d' ' -f1; }

# ---- servers --------------------------------------------------------------------------
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$PORT;
    root $data;
    # P8: a server that caps each connection, as CDNs and research repositories do.
    location /capped/ { alias $data/; limit_rate 25m; }
    # STORE: the same files from an origin throttled per connection, and a shared content store.
    location /slow/ { alias $data/; limit_rate $ORIGIN_RATE; }
    location /cas/ { root $WORK/store; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
nginx -c "$WORK/nginx.conf"
latency_pid=""
cleanup() {
  nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  ! mountpoint -q "$WORK/xfs" 2>/dev/null || umount -l "$WORK/xfs" || true
  [ -n "$latency_pid" ] && kill "$latency_pid" 2>/dev/null || true
}
trap cleanup EXIT
base="http://127.0.0.1:$PORT"

# ---- package and projects ---------------------------------------------------------------
version="1.0.0-bench.$(date +%s)"
dotnet pack "$repo/src/Tasks/Fetch.Build.Tasks.csproj" -c Release -o "$WORK/feed" -p:Version="$version" -nologo -v:q
cat > "$WORK/projects/nuget.config" <<CONFIG
<configuration><packageSources><clear /><add key="bench" value="$WORK/feed" /></packageSources></configuration>
CONFIG

# project NAME ITEMS-XML [PROPERTIES-XML]: a consumer with its own cache folder.
# PROJECT_ROOT and CACHE_ROOT put the project and its cache elsewhere (P3X: on XFS).
project() {
  local dir="${PROJECT_ROOT:-$WORK/projects}/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cat > "$dir/$1.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <FetchCacheDirectory>${CACHE_ROOT:-$WORK}/cache-$1</FetchCacheDirectory>
    ${3:-}
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Fetch.Build" Version="$version" PrivateAssets="all" />
    $2
  </ItemGroup>
  <Target Name="BenchEmpty" />
</Project>
PROJ
  dotnet restore "$dir/$1.csproj" -v:q --configfile "$WORK/projects/nuget.config" >/dev/null
  echo "$dir/$1.csproj"
}
msb() { echo "dotnet msbuild $1 -nologo -v:q -nodeReuse:false -p:TargetFramework=net10.0 ${*:2}"; }
# floor_project: a project running bench/NoopTask and bench/FloorTasks (published once, ReadyToRun
# for linux-x64 with SQLite beside it, as Fetch.Build's own task folder is). Targets: Empty, Noop,
# RegistryLink (-p:Blob -p:Dest -p:Registry), HttpGet (-p:UrlList=FILE -p:Folder).
floor_project() {
  local proj="$WORK/projects/floor.proj"
  if [ ! -f "$WORK/floor-tasks/Fetch.Build.Bench.FloorTasks.dll" ]; then
    dotnet build "$repo/bench/NoopTask" -c Release -nologo -v:q >/dev/null
    dotnet publish "$repo/bench/FloorTasks" -c Release -o "$WORK/floor-tasks" -nologo -v:q >/dev/null
  fi
  cat > "$proj" <<PROJ
<Project>
  <UsingTask TaskName="Fetch.Build.Bench.NoopTask" AssemblyFile="$repo/bench/NoopTask/bin/Release/net8.0/Fetch.Build.Bench.NoopTask.dll" />
  <UsingTask TaskName="Fetch.Build.Bench.RegistryLinkTask" AssemblyFile="$WORK/floor-tasks/Fetch.Build.Bench.FloorTasks.dll" />
  <UsingTask TaskName="Fetch.Build.Bench.HttpGetTask" AssemblyFile="$WORK/floor-tasks/Fetch.Build.Bench.FloorTasks.dll" />
  <ItemGroup><A Include="$WORK/cp.bin" /></ItemGroup>
  <Target Name="Empty" />
  <Target Name="Noop"><NoopTask Items="@(A)"><Output TaskParameter="Result" ItemName="B" /></NoopTask></Target>
  <Target Name="RegistryLink"><RegistryLinkTask Database="\$(Registry)" Source="\$(Blob)" Destination="\$(Dest)" /></Target>
  <Target Name="HttpGet"><HttpGetTask UrlList="\$(UrlList)" Folder="\$(Folder)" /></Target>
</Project>
PROJ
  echo "$proj"
}

# hf NAME [--prepare CMD] CMD... : hyperfine, median seconds into $WORK/hf/NAME.json; echo the median.
# Every prepare ends with sync, for ours and theirs alike: a run is timed from a disk with no
# writeback pending, so one run's gigabyte of dirty pages does not land in the next one's time.
hf() {
  local name="$1"; shift
  local prepare=""
  if [ "$1" = "--prepare" ]; then prepare="$2 && sync"; shift 2; fi
  hyperfine --style none --warmup 1 --runs "$RUNS" ${prepare:+--prepare "$prepare"} --export-json "$WORK/hf/$name.json" "$@" >/dev/null
  jq -r '.results[0].median * 1000 | round / 1000' "$WORK/hf/$name.json"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
# pairs NAME PREPARE OURS THEIRS... -- NAME=CMD...: ours and theirs interleaved round by round
# (bench/pairs.py; figures of tens of milliseconds drown in the drift between hyperfine batches).
# Echoes "ours theirs ratio [theirs ratio ...]".
# After "--", "before:NAME=CMD" gives command NAME an untimed step of its own (pairs.py --before).
pairs() {
  local name="$1" prepare="$2" ours="$3"; shift 3
  local theirs=() before=() commands=()
  while [ "$1" != "--" ]; do theirs+=(--theirs "$1"); shift; done; shift
  for arg in "$@"; do
    if [[ "$arg" == before:* ]]; then before+=(--before "${arg#before:}"); else commands+=("$arg"); fi
  done
  python3 "$repo/bench/pairs.py" --runs "${ROUNDS:-$RUNS}" --prepare "${prepare:-true}" "${before[@]}" --out "$WORK/hf/$name.json" --ours "$ours" "${theirs[@]}" "${commands[@]}"
}
row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 |" | tee -a "$results"; }
echo "| scenario | ours (median s) | theirs (median s) | ratio | goal | met |" | tee -a "$results"
echo "|---|---|---|---|---|---|" | tee -a "$results"
met() { python3 -c "print('yes' if $1 $2 else 'no')"; }

# ---- P1: no-op build with 100 present artifacts vs the same project without them ------------
if want P1; then
  items=""
  for i in $(seq 1 100); do items+="<DownloadArtifact Include=\"$base/small/p$i.bin\" Sha256=\"$(sha "$data/small/p$i.bin")\" />"; done
  with="$(project p1-with "$items")"
  without="$(project p1-without "")"
  dotnet build "$with" -nologo -v:q >/dev/null && dotnet build "$without" -nologo -v:q >/dev/null
  read -r ours theirs r <<<"$(ROUNDS=$FAST_RUNS pairs p1 "" with without -- "with=dotnet build $with --no-restore -nologo -v:q" "without=dotnet build $without --no-restore -nologo -v:q")"
  row "P1 no-op build, 100 present artifacts vs none" "$ours" "$theirs" "$r" "≤ 1.03" "$(met "$r" "<= 1.03")"
fi

# ---- P2: cold fetch of 1 GiB vs curl ---------------------------------------------------------
if want P2; then
  # Copy (the default) writes the gigabyte twice, into the cache and into the project; HardLink once.
  for mode in Copy HardLink; do
    p="$(project "p2-$mode" "<DownloadArtifact Include=\"$base/1g.bin\" Sha256=\"$(sha "$data/1g.bin")\" />" "<FetchLinkMode>$mode</FetchLinkMode>")"
    dir="$(dirname "$p")"
    # curlcp is the shell's Copy mode: a cached download, then the project's own copy of it.
    # Each command deletes its own last output before it runs, untimed: every one starts after
    # freeing what it wrote itself (bench/pairs.py, --before).
    # durable: what ours does before a blob counts, the shell's way: the verified file fsync'ed
    # (coreutils sync FILE), then, for Copy, the project's copy (which ours does not fsync either).
    if [ "$mode" = HardLink ]; then
      durable="curl -s -o $WORK/curl.bin $base/1g.bin && openssl dgst -sha256 $WORK/curl.bin >/dev/null && sync $WORK/curl.bin"
    else
      durable="curl -s -o $WORK/curl.bin $base/1g.bin && openssl dgst -sha256 $WORK/curl.bin >/dev/null && sync $WORK/curl.bin && cp $WORK/curl.bin $WORK/curl-copy.bin"
    fi
    read -r ours curl_t r curlsha r_sha curlssl r_ssl curlcp r_cp durable_t r_durable <<<"$(pairs "p2-$mode" "" fetch:empty curl curlsha curlssl curlcp durable -- \
      "before:fetch=rm -rf $WORK/cache-p2-$mode $dir/obj/fetch" "before:curl=rm -f $WORK/curl.bin" \
      "before:curlsha=rm -f $WORK/curl.bin" "before:curlssl=rm -f $WORK/curl.bin" "before:curlcp=rm -f $WORK/curl.bin $WORK/curl-copy.bin" \
      "before:durable=rm -f $WORK/curl.bin $WORK/curl-copy.bin" "durable=$durable" \
      "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" \
      "curl=curl -s -o $WORK/curl.bin $base/1g.bin" \
      "curlsha=curl -s -o $WORK/curl.bin $base/1g.bin && sha256sum $WORK/curl.bin >/dev/null" \
      "curlssl=curl -s -o $WORK/curl.bin $base/1g.bin && openssl dgst -sha256 $WORK/curl.bin >/dev/null" \
      "curlcp=curl -s -o $WORK/curl.bin $base/1g.bin && openssl dgst -sha256 $WORK/curl.bin >/dev/null && cp $WORK/curl.bin $WORK/curl-copy.bin")"
    rm -f "$WORK/curl.bin" "$WORK/curl-copy.bin"
    # Goals (issue 23): judged against the fastest *verified* download a shell has; curl -o alone
    # is the physical limit, reported.
    row "P2 cold fetch 1 GiB, $mode (fetch target − empty target) vs curl -o (the physical limit)" "$ours" "$curl_t" "$r" "—" "—"
    row "P2 $mode vs curl && sha256sum" "$ours" "$curlsha" "$r_sha" "—" "—"
    if [ "$mode" = HardLink ]; then
      row "P2 HardLink vs curl -o && openssl dgst -sha256 (SHA-NI, the fastest SHA-256 a shell has)" "$ours" "$curlssl" "$r_ssl" "≤ 1.0" "$(met "$r_ssl" "<= 1.0")"
      row "P2 HardLink vs the same && sync FILE (the verified file made durable, as ours makes each blob)" "$ours" "$durable_t" "$r_durable" "—" "—"
    else
      row "P2 Copy vs curl -o && openssl dgst -sha256" "$ours" "$curlssl" "$r_ssl" "—" "—"
      row "P2 Copy vs curl -o && openssl dgst -sha256 && cp (a verified cache and the project's own copy)" "$ours" "$curlcp" "$r_cp" "≤ 1.0" "$(met "$r_cp" "<= 1.0")"
      row "P2 Copy vs curl -o && openssl dgst -sha256 && sync FILE && cp (the cache's copy made durable first)" "$ours" "$durable_t" "$r_durable" "—" "—"
    fi
  done
fi

# ---- P3: warm cache, new destination, 1 GiB materialised vs cp -------------------------------
if want P3; then
  for mode in Copy HardLink; do
    p="$(project "p3-$mode" "<DownloadArtifact Include=\"$base/1g.bin\" Sha256=\"$(sha "$data/1g.bin")\" />" "<FetchLinkMode>$mode</FetchLinkMode>")"
    dir="$(dirname "$p")"
    dotnet msbuild "$p" -nologo -v:q -t:FetchArtifacts -p:TargetFramework=net10.0 >/dev/null
    blob="$(find "$WORK/cache-p3-$mode/blobs" -type f | head -n1)"
    read -r ours cp_t r <<<"$(ROUNDS=$FAST_RUNS pairs "p3-$mode" "" fetch:empty cp -- \
      "before:fetch=rm -rf $dir/obj/fetch" "before:cp=rm -f $WORK/cp.bin" \
      "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" "cp=cp $blob $WORK/cp.bin")"
    goal=$([ "$mode" = Copy ] && echo 1.2 || echo 0.15)
    row "P3 warm cache → new project, 1 GiB, $mode vs cp" "$ours" "$cp_t" "$r" "≤ $goal" "$(met "$r" "<= $goal")"
  done
  # The floors under any task-based fetch: MSBuild loading an assembly and running a task that
  # does nothing; and one that opens an SQLite registry, reads and writes a row and hard-links the
  # file (bench/FloorTasks, ReadyToRun as ours is): a warm hit with every safety check taken away.
  floor="$(floor_project)"
  read -r ours cp_t r <<<"$(ROUNDS=$FAST_RUNS pairs p3-floor "" noop:empty cp -- "before:cp=rm -f $WORK/cp.bin" \
    "empty=$(msb "$floor" -t:Empty)" "noop=$(msb "$floor" -t:Noop)" "cp=cp $blob $WORK/cp.bin")"
  row "P3 floor: a task that does nothing, from its own assembly, vs cp" "$ours" "$cp_t" "$r" "—" "—"
  link_args="-p:Blob=$blob -p:Dest=$WORK/floor-link/1g.bin -p:Registry=$WORK/floor-registry.db"
  read -r ours cp_t r <<<"$(ROUNDS=$FAST_RUNS pairs p3-floor-registry "" link:empty cp -- "before:cp=rm -f $WORK/cp.bin" \
    "before:link=rm -rf $WORK/floor-link" \
    "empty=$(msb "$floor" -t:Empty)" "link=$(msb "$floor" -t:RegistryLink "$link_args")" "cp=cp $blob $WORK/cp.bin")"
  row "P3 floor: a task that opens an SQLite registry, reads and writes a row and hard-links, vs cp" "$ours" "$cp_t" "$r" "—" "—"
  # Whole-process differences of tens of ms drown in the machine's ±100 ms; MSBuild's own clock
  # for a task (its performance summary) does not. Median over FAST_RUNS builds, in ms.
  task_ms() {
    for _ in $(seq 1 "$FAST_RUNS"); do
      [ -z "$3" ] || rm -rf "$3"
      $(msb "$1" -t:"$2") -clp:PerformanceSummary | awk -v t="$4" '/Task Performance Summary/ { s = 1 } s && $3 == t { print $1 }'
    done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
  }
  hl="$WORK/projects/p3-HardLink/p3-HardLink.csproj"
  row "P3 HardLink, MSBuild's time for the task itself: ResolveDownloadArtifacts / the registry-and-link floor / the no-op task" \
    "$(task_ms "$hl" FetchArtifacts "$WORK/projects/p3-HardLink/obj/fetch" ResolveDownloadArtifacts) ms / $(task_ms "$floor" "RegistryLink $link_args" "$WORK/floor-link" RegistryLinkTask) ms / $(task_ms "$floor" Noop "" NoopTask) ms" "—" "—" "—" "—"
fi

# ---- P3X: P3 on a copy-on-write file system (XFS with reflink on a loop device) ----------------
if want P3X; then
  xfs="$WORK/xfs"
  if ! mountpoint -q "$xfs"; then
    mkdir -p "$xfs" && rm -f "$WORK/xfs.img" && truncate -s 8G "$WORK/xfs.img"
    mkfs.xfs -q -f -m reflink=1 "$WORK/xfs.img" && mount -o loop "$WORK/xfs.img" "$xfs"
  fi
  p="$(PROJECT_ROOT=$xfs CACHE_ROOT=$xfs project p3x "<DownloadArtifact Include=\"$base/1g.bin\" Sha256=\"$(sha "$data/1g.bin")\" />" "<FetchLinkMode>Copy</FetchLinkMode>")"
  dir="$(dirname "$p")"
  dotnet msbuild "$p" -nologo -v:q -t:FetchArtifacts -p:TargetFramework=net10.0 >/dev/null
  blob="$(find "$xfs/cache-p3x/blobs" -type f | head -n1)"
  read -r ours never r_never always r_always <<<"$(ROUNDS=$FAST_RUNS pairs p3x "" fetch:empty never always -- \
    "before:fetch=rm -rf $dir/obj/fetch" "before:never=rm -f $xfs/cp.bin" "before:always=rm -f $xfs/cp.bin" \
    "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" \
    "never=cp --reflink=never $blob $xfs/cp.bin" "always=cp --reflink=always $blob $xfs/cp.bin")"
  row "P3X XFS reflink, warm cache → new project, 1 GiB, Copy vs cp --reflink=never" "$ours" "$never" "$r_never" "≤ 0.1" "$(met "$r_never" "<= 0.1")"
  row "P3X XFS reflink, Copy vs cp --reflink=always" "$ours" "$always" "$r_always" "≤ 1.5" "$(met "$r_always" "<= 1.5")"
  # What any task costs against a clone of a few milliseconds: the no-op task of P3's floor.
  floor="$(floor_project)"
  read -r noop always r_floor <<<"$(ROUNDS=$FAST_RUNS pairs p3x-floor "" noop:empty always -- "before:always=rm -f $xfs/cp.bin" \
    "empty=$(msb "$floor" -t:Empty)" "noop=$(msb "$floor" -t:Noop)" "always=cp --reflink=always $blob $xfs/cp.bin")"
  row "P3X floor: a task that does nothing vs cp --reflink=always" "$noop" "$always" "$r_floor" "—" "—"
  rm -f "$xfs/cp.bin"
fi

# ---- PEERS: what a user would pick instead, verifying the same SHA-256 of the same 1 GiB ---------
if want PEERS; then
  sha1g="$(sha "$data/1g.bin")"
  dl="$WORK/projects/downloadfile"
  rm -rf "$dl" && mkdir -p "$dl"
  cat > "$dl/downloadfile.proj" <<PROJ
<Project>
  <Target Name="Empty" />
  <Target Name="Fetch">
    <DownloadFile SourceUrl="$base/1g.bin" DestinationFolder="\$(MSBuildProjectDirectory)/dl" />
    <GetFileHash Files="\$(MSBuildProjectDirectory)/dl/1g.bin" Algorithm="SHA256"><Output TaskParameter="Hash" PropertyName="Hash" /></GetFileHash>
    <Error Condition="'\$(Hash.ToLowerInvariant())' != '$sha1g'" Text="SHA-256 mismatch" />
  </Target>
</Project>
PROJ
  for mode in Copy HardLink; do
    p="$(project "peers-$mode" "<DownloadArtifact Include=\"$base/1g.bin\" Sha256=\"$sha1g\" />" "<FetchLinkMode>$mode</FetchLinkMode>")"
    dir="$(dirname "$p")"
    read -r ours pooch_t r_pooch dlf r_dlf <<<"$(pairs "peers-$mode" "" fetch:empty pooch dlf:dlempty -- \
      "before:fetch=rm -rf $WORK/cache-peers-$mode $dir/obj/fetch" "before:pooch=rm -rf $WORK/pooch" "before:dlf=rm -rf $dl/dl" \
      "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" \
      "pooch=/usr/bin/python3 -c \"import pooch; pooch.retrieve('$base/1g.bin', known_hash='sha256:$sha1g', path='$WORK/pooch', fname='1g.bin', progressbar=False)\"" \
      "dlempty=dotnet msbuild $dl/downloadfile.proj -nologo -v:q -nodeReuse:false -t:Empty" \
      "dlf=dotnet msbuild $dl/downloadfile.proj -nologo -v:q -nodeReuse:false -t:Fetch")"
    row "PEERS 1 GiB verified, $mode vs pooch.retrieve(known_hash=sha256)" "$ours" "$pooch_t" "$r_pooch" "≤ 0.5" "$(met "$r_pooch" "<= 0.5")"
    row "PEERS 1 GiB verified, $mode vs MSBuild DownloadFile + GetFileHash (target − empty target)" "$ours" "$dlf" "$r_dlf" "≤ 0.7" "$(met "$r_dlf" "<= 0.7")"
  done
  rm -rf "$WORK/pooch" "$dl/dl"
fi

# ---- P4: extraction vs tar / unzip ---------------------------------------------------------
if want P4; then
  for kind in tar.gz zip; do
    p="$(project "p4-${kind/./}" "<DownloadArtifact Include=\"$base/tree.$kind\" Sha256=\"$(sha "$data/tree.$kind")\" Extract=\"true\" />")"
    dir="$(dirname "$p")"
    dotnet msbuild "$p" -nologo -v:q -t:FetchArtifacts -p:TargetFramework=net10.0 >/dev/null
    if [ "$kind" = zip ]; then
      tool=unzip; theirs_cmd="unzip -q $data/tree.zip -d $WORK/x"
    else
      tool="tar -xzf"; theirs_cmd="mkdir -p $WORK/x && tar -xzf $data/tree.tar.gz -C $WORK/x"
    fi
    # The archive stays cached; last round's trees are moved aside, not deleted, so each run
    # extracts into a fresh folder. This disk's ext4 has no journal, and without one ext4 will not
    # reuse an inode freed in the last 30 s: each new file then scans past the thousands just
    # freed (perf: recently_deleted), which timed the allocator rather than either tool.
    mkdir -p "$WORK/graveyard"
    aside="g=\$(mktemp -d -p $WORK/graveyard) && for d in $dir/obj/fetch $WORK/x; do [ ! -e \$d ] || mv \$d \$g/; done"
    read -r ours theirs r <<<"$(pairs "p4-$kind" "$aside" fetch:empty tool -- \
      "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" "tool=$theirs_cmd")"
    row "P4 extract $kind (~500 MB, 10k files) vs $tool" "$ours" "$theirs" "$r" "≤ 1.3" "$(met "$r" "<= 1.3")"
  done
  # HardLink mode keeps the tree in the cache and links the project's files to it. Cold: the
  # kept tree goes aside too, so each run extracts; warm (a new project): only the project's.
  p="$(project p4-hardlink "<DownloadArtifact Include=\"$base/tree.tar.gz\" Sha256=\"$(sha "$data/tree.tar.gz")\" Extract=\"true\" />" "<FetchLinkMode>HardLink</FetchLinkMode>")"
  dir="$(dirname "$p")"
  dotnet msbuild "$p" -nologo -v:q -t:FetchArtifacts -p:TargetFramework=net10.0 >/dev/null
  theirs_cmd="mkdir -p $WORK/x && tar -xzf $data/tree.tar.gz -C $WORK/x"
  for state in cold warm; do
    moved="$dir/obj/fetch $WORK/x"
    [ "$state" = warm ] || moved="$moved $WORK/cache-p4-hardlink/trees"
    aside="g=\$(mktemp -d -p $WORK/graveyard) && for d in $moved; do [ ! -e \$d ] || mv \$d \$g/\$(basename \$d); done"
    read -r ours theirs r <<<"$(pairs "p4-hardlink-$state" "$aside" fetch:empty tool -- \
      "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" "tool=$theirs_cmd")"
    row "P4 tar.gz, HardLink, $state (cold: extract into the cache, link; warm: a new project links) vs tar -xzf" "$ours" "$theirs" "$r" "≤ 1.3" "$(met "$r" "<= 1.3")"
  done
  rm -rf "$WORK/graveyard"
fi

# ---- P5: 200 files behind 100 ms latency, 4 in flight, vs aria2c -j4 ---------------------------
if want P5; then
  dotnet build "$repo/bench/LatencyServer" -c Release -nologo -v:q >/dev/null
  dotnet "$repo/bench/LatencyServer/bin/Release/net10.0/Fetch.Build.Bench.LatencyServer.dll" "$data" "$LATENCY_PORT" 100 &
  latency_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$LATENCY_PORT/small/f1.bin"; do sleep 0.2; done
  items=""; : > "$WORK/aria2.list"
  for i in $(seq 1 200); do
    url="http://127.0.0.1:$LATENCY_PORT/small/f$i.bin"
    items+="<DownloadArtifact Include=\"$url\" Sha256=\"$(sha "$data/small/f$i.bin")\" />"
    echo "$url" >> "$WORK/aria2.list"
  done
  for n in 4 1; do
    p="$(project "p5-$n" "$items" "<FetchMaxParallelDownloads>$n</FetchMaxParallelDownloads>")"
    dir="$(dirname "$p")"
    empty="$(hf "p5-$n-empty" "$(msb "$p" -t:BenchEmpty)")"
    fetch="$(hf "p5-$n" --prepare "rm -rf $WORK/cache-p5-$n $dir/obj/fetch" "$(msb "$p" -t:FetchArtifacts)")"
    eval "p5_$n=$(python3 -c "print(f'{$fetch-$empty:.3f}')")"
  done
  aria="$(hf p5-aria2 --prepare "rm -rf $WORK/aria" "aria2c -q -j4 -x1 -d $WORK/aria -i $WORK/aria2.list")"
  r="$(ratio "$p5_4" "$aria")"; row "P5 200 files, 100 ms latency, 4 in flight vs aria2c -j4" "$p5_4" "$aria" "$r" "≤ 1.2" "$(met "$r" "<= 1.2")"
  r="$(ratio "$p5_1" "$p5_4")"; row "P5 speed-up of 4 in flight over sequential (ours)" "$p5_4" "$p5_1" "$r×" "≥ 3.5×" "$(met "$r" ">= 3.5")"
  # Cold start on a small batch: the fixed cost before the first request weighs more.
  items24=""; : > "$WORK/aria2-24.list"
  for i in $(seq 1 24); do
    url="http://127.0.0.1:$LATENCY_PORT/small/f$i.bin"
    items24+="<DownloadArtifact Include=\"$url\" Sha256=\"$(sha "$data/small/f$i.bin")\" />"
    echo "$url" >> "$WORK/aria2-24.list"
  done
  p="$(project p5-24 "$items24")"
  dir="$(dirname "$p")"
  read -r ours aria r <<<"$(pairs p5-24 "" fetch:empty aria -- \
    "before:fetch=rm -rf $WORK/cache-p5-24 $dir/obj/fetch" "before:aria=rm -rf $WORK/aria24" \
    "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" \
    "aria=aria2c -q -j4 -x1 -d $WORK/aria24 -i $WORK/aria2-24.list")"
  row "P5 24 files, 100 ms latency, 4 in flight vs aria2c -j4" "$ours" "$aria" "$r" "≤ 1.2" "$(met "$r" "<= 1.2")"
  # The .NET floor: a task that only GETs and hashes the same 24 files with one HttpClient, 4 at a
  # time (bench/FloorTasks), in MSBuild as ours runs: its JIT and thread pool, no cache.
  floor="$(floor_project)"
  read -r get aria r_get <<<"$(pairs p5-24-floor "" get:empty aria -- \
    "before:get=rm -rf $WORK/floor-get" "before:aria=rm -rf $WORK/aria24" \
    "empty=$(msb "$floor" -t:Empty)" "get=$(msb "$floor" -t:HttpGet -p:UrlList=$WORK/aria2-24.list -p:Folder=$WORK/floor-get)" \
    "aria=aria2c -q -j4 -x1 -d $WORK/aria24 -i $WORK/aria2-24.list")"
  row "P5 24 floor: a task that GETs and hashes the 24 files with HttpClient, 4 in flight, vs aria2c -j4" "$get" "$aria" "$r_get" "—" "—"
  kill "$latency_pid"; latency_pid=""
fi

# ---- P6: peak RSS fetching 4 GiB vs the baseline build ---------------------------------------
if want P6; then
  need_4g
  p="$(project p6 "<DownloadArtifact Include=\"$base/4g.bin\" Sha256=\"$(sha "$data/4g.bin")\" />")"
  dir="$(dirname "$p")"
  rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1; }
  rm -rf "$WORK/cache-p6" "$dir/obj/fetch"
  base_kb="$(rss dotnet msbuild "$p" -nologo -v:q -nodeReuse:false -m:1 -p:TargetFramework=net10.0 -t:BenchEmpty)"
  fetch_kb="$(rss dotnet msbuild "$p" -nologo -v:q -nodeReuse:false -m:1 -p:TargetFramework=net10.0 -t:FetchArtifacts)"
  extra=$(( (fetch_kb - base_kb) / 1024 ))
  row "P6 peak RSS, cold fetch of 4 GiB, over the empty build" "$((fetch_kb / 1024)) MB" "$((base_kb / 1024)) MB" "+$extra MB" "≤ +150 MB" "$(met "$extra" "<= 150")"
fi

# ---- P7: registry lookup with 100k entries ----------------------------------------------------
if want P7; then
  dotnet build "$repo/bench/RegistryLookup" -c Release -nologo -v:q >/dev/null
  rm -rf "$WORK/registry" && mkdir -p "$WORK/registry"
  dotnet "$repo/bench/RegistryLookup/bin/Release/net10.0/Fetch.Build.Bench.RegistryLookup.dll" "$WORK/registry" 100000 | tee "$WORK/p7.txt"
  worst="$(grep -o '[0-9.]* us per lookup' "$WORK/p7.txt" | cut -d' ' -f1 | sort -g | tail -n1)"
  row "P7 registry lookup, 100k entries (slowest of 3 kinds)" "$worst µs" "—" "—" "≤ 1000 µs" "$(met "$worst" "<= 1000")"
fi

# ---- P8: a server capping each connection at 25 MB/s, 256 MiB, vs aria2c -x4 and curl ------------
if want P8; then
  p="$(project p8 "<DownloadArtifact Include=\"$base/capped/256m.bin\" Sha256=\"$(sha "$data/256m.bin")\" />")"
  dir="$(dirname "$p")"
  read -r ours aria r_aria curl_t r_curl <<<"$(pairs p8 "" fetch:empty aria curl -- \
    "before:fetch=rm -rf $WORK/cache-p8 $dir/obj/fetch" "before:aria=rm -rf $WORK/aria8" "before:curl=rm -f $WORK/curl8.bin" \
    "empty=$(msb "$p" -t:BenchEmpty)" "fetch=$(msb "$p" -t:FetchArtifacts)" \
    "aria=aria2c -q -x4 -s4 -k1M --allow-overwrite=true -d $WORK/aria8 $base/capped/256m.bin" \
    "curl=curl -s -o $WORK/curl8.bin $base/capped/256m.bin")"
  row "P8 256 MiB, 25 MB/s per connection, Copy vs aria2c -x4 -s4 -k1M" "$ours" "$aria" "$r_aria" "≤ 1.1" "$(met "$r_aria" "<= 1.1")"
  row "P8 256 MiB, 25 MB/s per connection, Copy vs curl -o" "$ours" "$curl_t" "$r_curl" "≤ 0.3" "$(met "$r_curl" "<= 0.3")"
  rm -rf "$WORK/aria8" "$WORK/curl8.bin"
fi

# ---- STORE: a fresh CI runner, 1 GiB from the shared store vs from an origin throttled per connection
if want STORE; then
  sum="$(sha "$data/1g.bin")"
  mkdir -p "$WORK/store/cas" && ln -f "$data/1g.bin" "$WORK/store/cas/$sum"
  item="<DownloadArtifact Include=\"$base/slow/1g.bin\" Sha256=\"$sum\" />"
  fromstore="$(project store-store "$item" "<FetchRemoteCache>$base/</FetchRemoteCache>")"
  fromorigin="$(project store-origin "$item")"
  # Each runner is fresh: its cache and its project's copy go before every run.
  # curlcp does what a Copy-mode fetch does: a verified copy in a cache, then the project's own copy.
  read -r ours theirs r curl_t r_curl curlcp_t r_curlcp <<<"$(pairs store "" store:empty origin:empty curl curlcp -- \
    "before:store=rm -rf $WORK/cache-store-store $(dirname "$fromstore")/obj/fetch" \
    "before:origin=rm -rf $WORK/cache-store-origin $(dirname "$fromorigin")/obj/fetch" \
    "before:curl=rm -f $WORK/curl9.bin" "before:curlcp=rm -f $WORK/curl9.bin $WORK/curl9-copy.bin" \
    "empty=$(msb "$fromstore" -t:BenchEmpty)" "store=$(msb "$fromstore" -t:FetchArtifacts)" "origin=$(msb "$fromorigin" -t:FetchArtifacts)" \
    "curl=curl -s -o $WORK/curl9.bin $base/cas/$sum" \
    "curlcp=curl -s -o $WORK/curl9.bin $base/cas/$sum && openssl dgst -sha256 $WORK/curl9.bin >/dev/null && cp $WORK/curl9.bin $WORK/curl9-copy.bin")"
  row "P9 (STORE) fresh runner, 1 GiB: from the remote store (nginx) vs from the origin at limit_rate $ORIGIN_RATE per connection" "$ours" "$theirs" "$r" "—" "—"
  row "P9 (STORE) fresh runner, 1 GiB from the remote store vs curl -o from the store (the physical limit)" "$ours" "$curl_t" "$r_curl" "—" "—"
  row "P9 (STORE) from the remote store vs curl -o from the store && openssl dgst -sha256 && cp" "$ours" "$curlcp_t" "$r_curlcp" "—" "—"
  rm -f "$WORK/curl9.bin" "$WORK/curl9-copy.bin"
fi

echo
echo "results: $results"
