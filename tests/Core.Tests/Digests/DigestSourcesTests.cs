using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Digests;

public sealed class DigestSourcesTests
{
    private static readonly ExpectedDigest Declared = new(DigestAlgorithm.Sha256, new string('a', 64));

    [Test]
    public async Task FindLocalAsync_DeclaredDigest_AnswersWithoutAskingRemoteSources()
    {
        var remote = new FixedSource(remote: true, "remote");
        var sources = new DigestSources([new DeclaredDigests(), remote]);

        var pinned = await sources.FindLocalAsync(SampleRequests.Sample("https://example.org/x.bin", Declared), CancellationToken.None);

        Assert.That((pinned?.Origin, pinned?.Sha256, remote.Calls), Is.EqualTo((DeclaredDigests.Origin, Declared.Hex, 0)));
    }

    [Test]
    public async Task FindLocalAsync_NothingDeclared_IsNullAndStillAsksNoRemoteSource()
    {
        var remote = new FixedSource(remote: true, "remote");

        var pinned = await new DigestSources([new DeclaredDigests(), remote]).FindLocalAsync(SampleRequests.Sample(), CancellationToken.None);

        Assert.That((pinned, remote.Calls), Is.EqualTo(((PinnedDigests?)null, 0)));
    }

    [Test]
    public async Task FindRemoteAsync_SourcesInOrder_TheFirstThatKnowsWins()
    {
        var silent = new FixedSource(remote: true, null);
        var first = new FixedSource(remote: true, "first");
        var second = new FixedSource(remote: true, "second");

        var pinned = await new DigestSources([silent, first, second]).FindRemoteAsync(SampleRequests.Sample(), CancellationToken.None);

        Assert.That((pinned.Pinned?.Origin, silent.Calls, first.Calls, second.Calls), Is.EqualTo(("first", 1, 1, 0)));
    }

    [Test]
    public async Task FindRemoteAsync_SourceOwningTheArtifactGivesNone_SaysWhyAndAsksTheNext()
    {
        var failing = new FailingSource("the host publishes none");
        var next = new FixedSource(remote: true, null);

        var published = await new DigestSources([failing, next]).FindRemoteAsync(SampleRequests.Sample(), CancellationToken.None);

        Assert.That((published.Pinned, published.Failures, next.Calls), Is.EqualTo(((PinnedDigests?)null, new[] { "the host publishes none" }, 1)));
    }

    private sealed class FailingSource(string reason) : IDigestSource
    {
        public bool IsRemote => true;

        public Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken) =>
            throw new DigestLookupException(reason);
    }

    /// <summary>A source that answers with <paramref name="origin"/> (a digest from it), or not at all when null.</summary>
    private sealed class FixedSource(bool remote, string? origin) : IDigestSource
    {
        public int Calls { get; private set; }

        public bool IsRemote => remote;

        public Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(origin is null ? null : new PinnedDigests([Declared], origin));
        }
    }
}
