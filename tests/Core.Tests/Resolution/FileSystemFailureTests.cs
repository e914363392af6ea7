using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Sources;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Resolution;

/// <summary>A partial is kept to resume a broken transfer, never to grow into a full disk again (issue 14 item 1).</summary>
public sealed class FileSystemFailureTests
{
    [Test]
    public void ResolveAsync_DiskFullMidDownload_RemovesThePartialAndFailsTheRow()
    {
        using var cache = new TestCache();
        var resolver = Resolver(cache, new FailingSource(new IOException("No space left on device")));

        Assert.ThrowsAsync<IOException>(() => resolver.ResolveAsync(SampleRequests.Sample(), "key", new RecordingLog(), CancellationToken.None));

        Assert.That(Directory.GetFiles(cache.Layout.PartialFolder), Is.Empty);
        Assert.That(cache.Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Failed));
    }

    [Test]
    public void ResolveAsync_NetworkFailureMidDownload_KeepsThePartialForAResume()
    {
        using var cache = new TestCache();
        var resolver = Resolver(cache, new FailingSource(new FetchException(DiagnosticCatalog.DownloadFailed("u", "the connection broke"))));

        Assert.ThrowsAsync<FetchException>(() => resolver.ResolveAsync(SampleRequests.Sample(), "key", new RecordingLog(), CancellationToken.None));

        Assert.That(Directory.GetFiles(cache.Layout.PartialFolder), Has.Length.EqualTo(1));
    }

    private static ContentResolver Resolver(TestCache cache, IContentSource source) => new(
        cache.Context, new DigestSources([new DeclaredDigests()]), [source], new CredentialResolver(FetchEnvironment.Empty, new HostEndpoints()),
        new ContentCommitter(cache.Context, CrashPoints.None), offline: false);

    /// <summary>Writes part of the content, then fails as the file system or the network would.</summary>
    private sealed class FailingSource(Exception failure) : IContentSource
    {
        public async Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken)
        {
            await File.WriteAllBytesAsync(query.PartialPath, TestData.Bytes(1000), cancellationToken);
            throw failure;
        }

        public void Rejected(ContentQuery query, ContentDigests actual) => Assert.Fail("never gives bytes");
    }
}
