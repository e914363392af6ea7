using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

/// <summary>A real cache (folders, store, SQLite registry) in a temp folder, opened as a run opens it.</summary>
internal sealed class TestCache : IDisposable
{
    private readonly TempDirectory _root = new("fetch-cache");

    public TestCache(TimeProvider? time = null)
    {
        var layout = new CacheLayout(_root.Combine("cache"));
        layout.EnsureFolders();
        var store = new ContentStore(layout);
        Context = new CacheContext(layout, store, CacheRegistry.Open(layout, store, time ?? TimeProvider.System, _ => { }));
    }

    public CacheContext Context { get; }

    public CacheRegistry Registry => Context.Registry;

    public CacheLayout Layout => Context.Layout;

    public string Root => _root.Path;

    /// <summary>Stores <paramref name="content"/> as a verified download would, blob only or with its rows.</summary>
    public string Store(byte[] content, bool withRows = true)
    {
        var partial = Path.Combine(Layout.PartialFolder, Guid.NewGuid().ToString("N") + ".part");
        File.WriteAllBytes(partial, content);
        var sha = TestData.Sha256(content);
        Context.Store.Commit(partial, sha);
        if (withRows)
        {
            Registry.RecordBlob(Digests(content), null);
        }

        return sha;
    }

    /// <summary>Stores <paramref name="content"/> as a download of <paramref name="url"/> would: blob, blob row, URL row READY.</summary>
    public string StoreFrom(string url, byte[] content)
    {
        var sha = Store(content);
        Registry.BeginWrite(UrlKeys.Hash(url), url);
        Registry.CompleteWrite(UrlKeys.Hash(url), sha, content.Length, null, null);
        return sha;
    }

    public static ContentDigests Digests(byte[] content) => new(
        new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.Sha256] = TestData.Sha256(content), [DigestAlgorithm.Md5] = TestData.Md5(content) },
        content.Length);

    public void Dispose()
    {
        Context.Dispose();
        _root.Dispose();
    }
}
