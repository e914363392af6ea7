using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Requests;

public sealed class RequestParserTests
{
    private static readonly FetchSettings Settings = new()
    {
        CacheDirectory = "/cache",
        ProjectDirectory = "/project",
        DefaultDestinationFolder = "/project/obj/fetch",
    };

    [Test]
    public void Parse_PlainUrl_DerivesDecodedFileNameAndDefaultFolder()
    {
        var request = Parse("https://example.org/files/my%20model.tar.gz?download=1", out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(request!.FileName, Is.EqualTo("my model.tar.gz"));
        Assert.That(request.DestinationPath, Is.EqualTo(Path.GetFullPath("/project/obj/fetch/my model.tar.gz")));
    }

    [Test]
    public void Parse_Extract_NamesTheFolderWithoutTheArchiveExtension()
    {
        var request = Parse("https://example.org/model-2.1.tar.gz", out _, ("Extract", "true"), ("DestinationFolder", "models"));

        Assert.That(request!.DestinationPath, Is.EqualTo(Path.GetFullPath("/project/models/model-2.1")));
    }

    [TestCase("$(BaseIntermediateOutputPath)fetch/x/", "obj\\fetch/x/")]
    [TestCase("$(OutDir)models", "bin\\Debug/net10.0/models")]
    [TestCase("windows style", "assets\\models\\")]
    public void Parse_DestinationFolderWithBackslashes_SeparatesFoldersOnEveryOS(string written, string folder)
    {
        var request = Parse("https://example.org/x.bin", out var errors, ("DestinationFolder", folder));

        Assert.That(errors, Is.Empty, written);
        Assert.That(request!.DestinationPath, Is.EqualTo(Path.GetFullPath("/project/" + folder.Replace('\\', '/') + "/x.bin")), written);
    }

    [Test]
    public void Parse_PercentEncodedUtf8_IsRequestedAsWrittenAndNamedDecoded()
    {
        var request = Parse("https://example.org/files/caf%C3%A9%20data.bin", out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(request!.Sources[0].AbsoluteUri, Is.EqualTo("https://example.org/files/caf%C3%A9%20data.bin"));
        Assert.That(request.FileName, Is.EqualTo("café data.bin"));
    }

    [TestCase("/abs/data.bin")]
    [TestCase("data/x.bin")]
    public void Parse_PathInsteadOfUrl_IsFB1006ShownAsWrittenWithWhatToWrite(string path)
    {
        Parse(path, out var errors);

        Assert.That(errors.Single().Message, Does.StartWith($"{path}: the URL '{path}' is not a URL").And.Contain("file://$(MSBuildProjectDirectory)/").And.Not.Contain("file:///abs"));
    }

    [Test]
    public void Parse_FileUrlWithAHostOnUnix_IsFB1006SayingHowToWriteThePath()
    {
        Parse("file://relative/x.bin", out var errors);

        if (OperatingSystem.IsWindows())
        {
            // A network share (\\relative\x.bin) there.
            Assert.That(errors, Is.Empty);
            return;
        }

        Assert.That(errors.Single().Message, Does.Contain("names the host 'relative'").And.Contain("file://$(MSBuildProjectDirectory)/relative/x.bin").And.Not.Contain("\\"));
    }

    [TestCase("ftp://example.org/x")]
    [TestCase("not a url")]
    [TestCase("/just/a/path")]
    public void Parse_UnsupportedUrl_IsFB1006(string url)
    {
        Parse(url, out var errors);

        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { "FB1006" }));
    }

    [TestCase("StripComponents", "-1")]
    [TestCase("StripComponents", "two")]
    [TestCase("Extract", "maybe")]
    [TestCase("Link", "../outside.bin")]
    [TestCase("Link", "/abs/path")]
    [TestCase("DestinationFileName", "sub/dir.bin")]
    [TestCase("DestinationFileName", "..")]
    [TestCase("CopyToOutputDirectory", "Sometimes")]
    [TestCase("Headers", "no-equals-sign")]
    [TestCase("Headers", "Range=bytes=0-")]
    [TestCase("Sha512", "abcd")]
    [TestCase("Integrity", "sha1-AAAA")]
    [TestCase("Mirrors", "gopher://x/y")]
    public void Parse_BadMetadata_IsFB1006(string name, string value)
    {
        var metadata = new List<(string, string)> { (name, value) };
        if (name == "StripComponents")
        {
            metadata.Add(("Extract", "true"));
        }

        Parse("https://example.org/x.bin", out var errors, [.. metadata]);

        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { "FB1006" }));
    }

    [Test]
    public void Parse_HeaderValue_NeverAppearsInTheError()
    {
        Parse("https://example.org/x.bin", out var errors, ("Headers", "X-Token=s3cret;Bad Name=s3cret2"));

        Assert.That(errors.Single().Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void Parse_StripWithoutExtract_IsFB1006()
    {
        Parse("https://example.org/x.tar", out var errors, ("StripComponents", "1"));

        Assert.That(errors.Single().Message, Does.Contain("only with Extract"));
    }

    [Test]
    public void Parse_MetadataNamesAnyCaseAndMirrorsInOrder_AreAccepted()
    {
        var request = Parse("https://a.example/x.bin", out var errors, ("sha256", new string('A', 64)), ("mirrors", "https://b.example/x.bin; https://c.example/x.bin"));

        Assert.That(errors, Is.Empty);
        Assert.That(request!.Sources.Select(s => s.Host), Is.EqualTo(new[] { "a.example", "b.example", "c.example" }));
        Assert.That(request.Digests.Single().Hex, Is.EqualTo(new string('a', 64)));
    }

    [Test]
    public void Parse_UrlWithSecrets_IsMaskedInMessages()
    {
        Parse("https://user:pw@example.org/x.bin?token=abc123&v=2", out var errors, ("Sha256", "bad"));

        var message = errors.Single().Message;
        Assert.That(message, Does.Not.Contain("pw").And.Not.Contain("abc123"));
        Assert.That(message, Does.Contain("https://***@example.org/x.bin?token=***&v=***"));
    }

    private static ArtifactRequest? Parse(string url, out List<FetchDiagnostic> errors, params (string Name, string Value)[] metadata)
    {
        errors = [];
        var raw = new RawArtifact(url, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));
        return RequestParser.Parse(raw, Settings, errors);
    }
}
