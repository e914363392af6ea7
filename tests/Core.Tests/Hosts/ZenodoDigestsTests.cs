using System.Text.Json;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Hosts;

public sealed class ZenodoDigestsTests
{
    private static readonly CredentialResolver NoCredentials = new(new FetchEnvironment(new Dictionary<string, string?>()), new HostEndpoints());

    [TestCase("https://zenodo.org/records/3520874/files/natura.tiff", "https://zenodo.org/api/records/3520874", "natura.tiff")]
    [TestCase("https://zenodo.org/records/1/files/a%20b.csv/content", "https://zenodo.org/api/records/1", "a b.csv")]
    [TestCase("https://sandbox.zenodo.org/record/7/files/x.bin?download=1", "https://sandbox.zenodo.org/api/records/7", "x.bin")]
    public void TryParse_RecordFileUrl_GivesTheRecordApiAndKey(string url, string api, string key)
    {
        var zenodo = new ZenodoDigests(new HostEndpoints(), () => throw new AssertionException("no request expected"), NoCredentials);

        Assert.That(zenodo.TryParse(new Uri(url), out var parsedApi, out var parsedKey), Is.True);
        Assert.That((parsedApi.AbsoluteUri, parsedKey), Is.EqualTo((api, key)));
    }

    [TestCase("https://example.org/records/1/files/x.bin")]
    [TestCase("https://zenodo.org/communities/x/files/y")]
    [TestCase("https://zenodo.org/records/abc/files/x.bin")]
    public void TryParse_OtherUrls_AreNotZenodoFiles(string url)
    {
        var zenodo = new ZenodoDigests(new HostEndpoints(), () => throw new AssertionException("no request expected"), NoCredentials);

        Assert.That(zenodo.TryParse(new Uri(url), out _, out _), Is.False);
    }

    [TestCase("""{"files":[{"key":"other","checksum":"md5:00000000000000000000000000000000"},{"key":"x.bin","checksum":"md5:D41D8CD98F00B204E9800998ECF8427E"}]}""")]
    [TestCase("""{"files":{"entries":[{"key":"x.bin","checksum":"md5:d41d8cd98f00b204e9800998ecf8427e"}]}}""")]
    [TestCase("""{"entries":{"x.bin":{"checksum":"md5:d41d8cd98f00b204e9800998ecf8427e"}}}""")]
    public void FindChecksum_EveryApiShape_GivesTheMd5(string json)
    {
        using var document = JsonDocument.Parse(json);

        var digest = ZenodoDigests.FindChecksum(document.RootElement, "x.bin");

        Assert.That(digest, Is.EqualTo(new ExpectedDigest(DigestAlgorithm.Md5, "d41d8cd98f00b204e9800998ecf8427e")));
    }

    [TestCase("""{"files":[{"key":"x.bin"}]}""")]
    [TestCase("""{"files":[{"key":"x.bin","checksum":"crc32:1234"}]}""")]
    [TestCase("""{"hits":[]}""")]
    public void FindChecksum_NothingUsable_IsNull(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.That(ZenodoDigests.FindChecksum(document.RootElement, "x.bin"), Is.Null);
    }
}
