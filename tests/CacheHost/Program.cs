using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

// Usage: Fetch.Build.CacheHost <cache> <project> <url>|<sha256>|<extract> ...
// Exit 0 when every artifact resolved; prints each diagnostic on its own line.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <cache> <project> <url|sha256|extract>...");
    return 2;
}

var artifacts = args.Skip(2).Select(spec => spec.Split('|')).Select(parts => new RawArtifact(parts[0], new Dictionary<string, string>
{
    ["Sha256"] = parts.Length > 1 ? parts[1] : string.Empty,
    ["Extract"] = parts.Length > 2 ? parts[2] : "false",
})).ToList();
var settings = new RawSettings { ProjectDirectory = args[1], DefaultDestinationFolder = "fetched" }.With("FetchCacheDirectory", args[0]);
var outcome = await ArtifactFetcher.RunAsync(artifacts, settings, new ConsoleLog(), CancellationToken.None);
foreach (var artifact in outcome.Artifacts)
{
    Console.WriteLine($"artifact {artifact.Sha256} fromCache={artifact.FromCache}");
}

return outcome.Succeeded ? 0 : 1;

internal sealed class ConsoleLog : IFetchLog
{
    public void Report(FetchDiagnostic diagnostic) => Console.WriteLine(diagnostic.ToString());

    public void Message(string text, bool important) => Console.WriteLine(text);
}
