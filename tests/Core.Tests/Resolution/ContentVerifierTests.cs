using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Resolution;

public sealed class ContentVerifierTests
{
    private static readonly byte[] Content = TestData.Bytes(1000);

    [Test]
    public void Verify_EveryDigestMatches_Passes()
    {
        var expected = new PinnedDigests([new(DigestAlgorithm.Sha256, TestData.Sha256(Content)), new(DigestAlgorithm.Md5, TestData.Md5(Content))], DeclaredDigests.Origin);

        Assert.DoesNotThrow(() => ContentVerifier.Verify(SampleRequests.Sample(), TestCache.Digests(Content), expected));
    }

    [Test]
    public void Verify_NothingExpected_Passes()
    {
        Assert.DoesNotThrow(() => ContentVerifier.Verify(SampleRequests.Sample(), TestCache.Digests(Content), null));
    }

    [Test]
    public void Verify_OneDigestWrong_IsFB1001NamingItsOriginAndBothValues()
    {
        var wrong = new string('0', 32);
        var expected = new PinnedDigests([new(DigestAlgorithm.Sha256, TestData.Sha256(Content)), new(DigestAlgorithm.Md5, wrong)], "the Zenodo record lists");

        var error = Assert.Throws<FetchException>(() => ContentVerifier.Verify(SampleRequests.Sample(), TestCache.Digests(Content), expected));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DigestMismatchCode));
        Assert.That(error.Diagnostic.Message, Does.Contain("the MD5 the Zenodo record lists").And.Contain(wrong).And.Contain(TestData.Md5(Content)));
    }
}
