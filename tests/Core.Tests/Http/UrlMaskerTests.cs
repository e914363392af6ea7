using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Tests.Http;

public sealed class UrlMaskerTests
{
    [TestCase("https://example.org/a/b.bin", "https://example.org/a/b.bin")]
    [TestCase("https://user:secret@example.org/b.bin", "https://***@example.org/b.bin")]
    [TestCase("https://example.org:8443/b.bin?token=secret&x", "https://example.org:8443/b.bin?token=***&x")]
    [TestCase("https://registry.example.org/@scope/pkg.tgz", "https://registry.example.org/@scope/pkg.tgz")]
    public void Mask_ParsedUrl_HidesUserInfoAndQueryValues(string url, string masked)
    {
        Assert.That(UrlMasker.Mask(url), Is.EqualTo(masked));
    }

    [TestCase("http://ci:pa55@word@127.0.0.1:1/x.bin", "http://***@127.0.0.1:1/x.bin")]
    [TestCase("not a url://u:p@host/@scope/x?sig=secret", "not a url://***@host/@scope/x?***")]
    [TestCase("relative/@name?x=1", "relative/@name?***")]
    [TestCase("ci:s3cret@store.internal/cache", "***@store.internal/cache")]
    public void Mask_UnparsableUrl_StillHidesEveryPartOfTheUserInfo(string url, string masked)
    {
        Assert.That(UrlMasker.Mask(url), Is.EqualTo(masked));
    }
}
