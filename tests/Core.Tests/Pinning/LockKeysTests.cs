using Fetch.Build.Core.Pinning;

namespace Fetch.Build.Core.Tests.Pinning;

public sealed class LockKeysTests
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "repo", "app", "fetch.lock.json");

    [Test]
    public void For_UrlWithUserInfoAndQuery_IsTheMaskedUrlTheLogsShow()
    {
        var request = SampleRequests.Sample("https://user:secret@example.org/files/data.bin?token=abc&v=2");

        Assert.That(LockKeys.For(request, LockPath), Is.EqualTo("https://***@example.org/files/data.bin?token=***&v=***"));
    }

    [Test]
    public void For_RewrittenSources_IsStillTheIncludeUrl()
    {
        var request = SampleRequests.Sample("https://example.org/files/data.bin") with
        {
            IdentityUrl = new Uri("https://example.org/files/data.bin"),
            Sources = [new Uri("https://mirror.example.net/data.bin")],
        };

        Assert.That(LockKeys.For(request, LockPath), Is.EqualTo("https://example.org/files/data.bin"));
    }

    [Test]
    public void For_FileUrlInsideTheLockFilesFolder_IsItsRelativePath_SoEveryCloneAgrees()
    {
        var inside = SampleRequests.Sample(new Uri(Path.Combine(Path.GetTempPath(), "repo", "app", "data", "x y.bin")).AbsoluteUri);
        var outside = SampleRequests.Sample(new Uri(Path.Combine(Path.GetTempPath(), "repo", "shared", "z.bin")).AbsoluteUri);

        Assert.That(LockKeys.For(inside, LockPath), Is.EqualTo("file:data/x y.bin"));
        Assert.That(LockKeys.For(outside, LockPath), Is.EqualTo(outside.Url.AbsoluteUri));
    }

    [Test]
    public void Ambiguous_UrlsThatDifferOnlyInMaskedParts_AreTheOnesTheLockFileCannotTellApart()
    {
        var requests = new[]
        {
            SampleRequests.Sample("https://drive.example.com/uc?id=1"),
            SampleRequests.Sample("https://drive.example.com/uc?id=2"),
            SampleRequests.Sample("https://example.org/same.bin"),
            SampleRequests.Sample("https://example.org/same.bin"),
        };

        Assert.That(LockKeys.Ambiguous(requests, LockPath), Is.EquivalentTo(new[] { "https://drive.example.com/uc?id=***" }));
    }
}
