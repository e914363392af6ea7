using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Tests.Integrity;

public sealed class DigestParserTests
{
    [Test]
    public void ParseHex_UpperCase_IsLowerCased()
    {
        var digest = DigestParser.ParseHex(DigestAlgorithm.Md5, "D41D8CD98F00B204E9800998ECF8427E", out var error);

        Assert.That(error, Is.Null);
        Assert.That(digest!.Hex, Is.EqualTo("d41d8cd98f00b204e9800998ecf8427e"));
    }

    [TestCase("abc")]
    [TestCase("zz1d8cd98f00b204e9800998ecf8427e")]
    public void ParseHex_WrongLengthOrCharacters_IsRejected(string text)
    {
        Assert.That(DigestParser.ParseHex(DigestAlgorithm.Md5, text, out var error), Is.Null);
        Assert.That(error, Does.Contain("32 hexadecimal"));
    }

    [Test]
    public void ParseIntegrity_Sha256Base64_GivesHex()
    {
        // SHA-256 of the empty string.
        var digests = DigestParser.ParseIntegrity("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", out var error);

        Assert.That(error, Is.Null);
        Assert.That(digests!.Single().Hex, Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [TestCase("md5-1B2M2Y8AsgTpgAmY7PhCfg==")]
    [TestCase("sha256-notbase64!")]
    [TestCase("sha256-AAAA")]
    public void ParseIntegrity_UnsupportedOrMalformed_IsRejected(string text)
    {
        Assert.That(DigestParser.ParseIntegrity(text, out var error), Is.Null);
        Assert.That(error, Is.Not.Null);
    }
}
