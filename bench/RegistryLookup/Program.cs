using System.Diagnostics;
using System.Globalization;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;

// Usage: RegistryLookup <empty-folder> [entries]
// Fills a registry with N URL entries, blobs and placements, then times the lookups the
// pipeline makes per artifact: FindPlacement (up-to-date path), FindByUrl, FindByDigest (MD5).
var root = args[0];
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var layout = new CacheLayout(root);
layout.EnsureFolders();
var store = new ContentStore(layout);
using var registry = CacheRegistry.Open(layout, store, TimeProvider.System, Console.WriteLine);

var fill = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var sha = UrlKeys.Hash("content " + i);
    var md5 = sha[..32];
    var urlKey = UrlKeys.Hash("https://example.org/file/" + i);
    registry.RecordBlob(new ContentDigests(new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.Sha256] = sha, [DigestAlgorithm.Md5] = md5 }, i), identity: null);
    registry.BeginWrite(urlKey, "https://example.org/file/" + i);
    registry.CompleteWrite(urlKey, sha, i, null, null);
    registry.RecordPlacement(new PlacementRecord("/project/obj/fetch/file" + i, urlKey, sha, null, i, i, null));
}

Console.WriteLine($"filled {count} entries in {fill.Elapsed.TotalSeconds:0.0} s");

const int Lookups = 20_000;
var random = new Random(42);
Measure("FindPlacement", () => registry.FindPlacement("/project/obj/fetch/file" + random.Next(count)));
Measure("FindByUrl", () => registry.FindByUrl(UrlKeys.Hash("https://example.org/file/" + random.Next(count))));
Measure("FindByDigest(MD5)", () => registry.FindByDigest(new ExpectedDigest(DigestAlgorithm.Md5, UrlKeys.Hash("content " + random.Next(count))[..32])));

void Measure(string name, Func<object?> lookup)
{
    for (var i = 0; i < 1000; i++)
    {
        lookup();
    }

    var timer = Stopwatch.StartNew();
    var found = 0;
    for (var i = 0; i < Lookups; i++)
    {
        found += lookup() is null ? 0 : 1;
    }

    var micros = timer.Elapsed.TotalMicroseconds / Lookups;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P7 {name}: {micros:0.0} us per lookup ({found}/{Lookups} found)"));
}
