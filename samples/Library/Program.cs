// Fetches, at run time, the files the Hello sample's build declared: from the machine's shared
// cache (FETCH_BUILD_CACHE, else the user cache folder), verified by their SHA-256.
// Usage: Library <folder of samples/data> <folder to extract the model into>
using Fetch.Build.Core.Client;

var data = new Uri(Path.GetFullPath(args[0]).TrimEnd('/') + "/");
var client = new FetchClient();
Console.WriteLine($"cache: {client.CacheDirectory}");

var labels = await client.FetchAsync(new FetchRequest(new Uri(data, "labels.csv"))
{
    Sha256 = "9a03b975919308b591c19fb67489870211037de2a75311afde4a46ecec5e0a2c",
});
Console.WriteLine($"labels.csv: {labels.Size} bytes, from cache: {labels.FromCache}, at {labels.CachedPath}");
Console.WriteLine(File.ReadAllLines(labels.CachedPath).FirstOrDefault());

var model = await client.ExtractAsync(new FetchRequest(new Uri(data, "model-2.1.tar.gz"))
{
    Sha256 = "c7274b81cf51e898aaf7a9464bcf85e9cd284142738d811efa161247665f28ed",
}, args[1]);
Console.WriteLine($"model-2.1.tar.gz: {model.Files.Count} files in {model.Folder}, from cache: {model.FromCache}");

// The build fetched both: a transfer here would mean the program and the build do not share the cache.
return labels.FromCache && model.FromCache ? 0 : 1;
