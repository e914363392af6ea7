using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Requests;

public sealed class CredentialsInUrlsTests
{
    [TestCase("https://user:secret@example.org/a.bin", "user-info")]
    [TestCase("https://example.org/a.bin?token=abc", "'token'")]
    [TestCase("https://example.org/a.bin?v=2&access_token=abc", "'access_token'")]
    [TestCase("https://acct.blob.core.windows.net/c/a.bin?sv=2022-11-02&sig=abc%3D", "'sig'")]
    [TestCase("https://bucket.s3.amazonaws.com/a.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab", "'X-Amz-Algorithm'")]
    [TestCase("https://storage.googleapis.com/b/a.bin?X-Goog-Signature=ab", "'X-Goog-Signature'")]
    [TestCase("https://d111.cloudfront.net/a.bin?Expires=1&Signature=ab&Key-Pair-Id=K", "'Signature'")]
    [TestCase("https://example.org/a.bin?API_KEY=abc", "'API_KEY'")]
    public void Find_UrlCarryingACredential_NamesWhat(string url, string named)
    {
        Assert.That(CredentialsInUrls.Find(url), Does.Contain(named));
    }

    [TestCase("https://example.org/a.bin")]
    [TestCase("https://example.org/a.bin?download=true&v=2")]
    [TestCase("https://zenodo.org/records/1/files/a.csv?download=1")]
    [TestCase("https://example.org/keys/a.bin?tokenizer=bpe")]
    [TestCase("file:///tmp/a.bin")]
    [TestCase("not a url")]
    public void Find_UrlWithoutACredential_IsNull(string url)
    {
        Assert.That(CredentialsInUrls.Find(url), Is.Null);
    }

    [Test]
    public void Report_SecretsInIncludeAndMirrors_WarnFB1018WithMaskedUrlsOnly()
    {
        var log = new RecordingLog();
        var metadata = new Dictionary<string, string> { [MetadataNames.Mirrors] = "https://m.example.org/a.bin?sig=mirrorsecret; https://plain.example.org/a.bin" };

        CredentialsInUrls.Report(
            [
                new RawArtifact("https://example.org/a.bin?token=includesecret", metadata),
                new RawArtifact("https://example.org/b.bin", new Dictionary<string, string>()),
            ],
            log);

        Assert.That(log.Diagnostics.Select(d => (d.Code, d.Severity)), Is.EqualTo(new[] { ("FB1018", FetchSeverity.Warning), ("FB1018", FetchSeverity.Warning) }));
        Assert.That(log.Diagnostics[0].Message, Does.StartWith("https://example.org/a.bin?token=***: the URL carries the query parameter 'token'").And.Contain("BearerTokenVariable"));
        Assert.That(log.Diagnostics[1].Message, Does.Contain("'sig' in the Mirrors entry https://m.example.org/a.bin?sig=***"));
        Assert.That(string.Join("\n", log.Diagnostics.Select(d => d.Message)), Does.Not.Contain("includesecret").And.Not.Contain("mirrorsecret"));
    }
}
