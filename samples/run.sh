#!/usr/bin/env bash
# The main job, end to end and offline: pack Fetch.Build, then build a sample project that
# fetches a file and an archive (file:// sources in this repository), verifies their SHA-256,
# stores them in a cache, extracts the archive, and copies both next to the app. A second build
# is served from the cache and the destination with no transfer. Everything it writes stays in
# samples/.out/ (feed, NuGet packages, cache). Last, samples/Library reads the same content at run
# time through the Fetch.Build.Core library, offline, from the cache the build filled.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/.out"
version="1.0.0-sample.$(date +%s)"
rm -rf "$out"
mkdir -p "$out/feed" "$out/packages"

echo "== packing Fetch.Build $version into samples/.out/feed"
echo "   (a minute or two: restore, then the task built for net8.0 and once more as ReadyToRun for linux-x64)"
dotnet pack "$here/../src/Tasks/Fetch.Build.Tasks.csproj" -c Release -o "$out/feed" -p:Version="$version" -nologo -v:m
echo "== packing the library Fetch.Build.Core $version (for samples/Library)"
dotnet pack "$here/../src/Core/Fetch.Build.Core.csproj" -c Release -o "$out/feed" -p:Version="$version" -nologo -v:m

cat > "$out/nuget.config" <<CONFIG
<configuration>
  <packageSources>
    <clear />
    <add key="sample" value="$out/feed" />
  </packageSources>
</configuration>
CONFIG

# The library's own dependencies (SQLite, Polly, SharpCompress) come, offline, from the packages
# folder the pack above restored into, read as a local feed.
cat > "$out/nuget-library.config" <<CONFIG
<configuration>
  <packageSources>
    <clear />
    <add key="sample" value="$out/feed" />
    <add key="restored" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
  </packageSources>
</configuration>
CONFIG

export NUGET_PACKAGES="$out/packages"
export FETCH_BUILD_CACHE="$out/cache"
# SAMPLE_MSBUILD: build with another MSBuild instead of `dotnet build`, such as Visual Studio's
# msbuild.exe (the CI's Windows leg does, to prove the .NET task host path of SPEC §12).
build() {
  if [ -n "${SAMPLE_MSBUILD:-}" ]; then
    "$SAMPLE_MSBUILD" "$here/Hello/Hello.csproj" -restore -nologo -v:m -nodeReuse:false \
      -p:RestoreConfigFile="$out/nuget.config" -p:FetchBuildSampleVersion="$version" \
      -p:BaseIntermediateOutputPath="$out/obj/" -p:BaseOutputPath="$out/bin/"
  else
    dotnet build "$here/Hello/Hello.csproj" -nologo -v:m -nodeReuse:false \
      --configfile "$out/nuget.config" -p:FetchBuildSampleVersion="$version" \
      -p:BaseIntermediateOutputPath="$out/obj/" -p:BaseOutputPath="$out/bin/"
  fi
}

echo "== first build: fetch, verify, cache, extract"
build
echo "== second build: up to date, nothing transferred"
build
echo "== the app reads what was placed"
dotnet "$out"/bin/Debug/*/Hello.dll
echo "== cache: $FETCH_BUILD_CACHE"
find "$FETCH_BUILD_CACHE/blobs" -type f | sed 's/^/  /'
echo "== the library at run time, offline: the same content from the same cache, no transfer"
dotnet build "$here/Library/Library.csproj" -nologo -v:q -nodeReuse:false \
  --configfile "$out/nuget-library.config" -p:FetchBuildSampleVersion="$version" \
  -p:BaseIntermediateOutputPath="$out/library-obj/" -p:BaseOutputPath="$out/library-bin/"
FETCH_BUILD_OFFLINE=true dotnet "$out"/library-bin/Debug/*/Library.dll "$here/data" "$out/library-model"
