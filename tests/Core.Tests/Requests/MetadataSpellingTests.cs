using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Requests;

public sealed class MetadataSpellingTests
{
    [TestCase("Sha265", "Sha256")]
    [TestCase("Extrat", "Extract")]
    [TestCase("sha-256", "Sha256")]
    [TestCase("Lnik", "Link")]
    [TestCase("Mirror", "Mirrors")]
    [TestCase("DestinationFolders", "DestinationFolder")]
    [TestCase("StripComponent", "StripComponents")]
    [TestCase("CopyToOutputDirectroy", "CopyToOutputDirectory")]
    [TestCase("Intergrity", "Integrity")]
    public void LikelyMeant_NameASlipAway_IsTheKnownName(string written, string meant)
    {
        Assert.That(MetadataSpelling.LikelyMeant(written), Is.EqualTo(meant));
    }

    [TestCase("Sha256")]
    [TestCase("SHA256")]
    [TestCase("extract")]
    [TestCase("Version")]
    [TestCase("Description")]
    [TestCase("Sha1")]
    [TestCase("Mode")]
    public void LikelyMeant_KnownOrUnrelatedName_IsNull(string written)
    {
        Assert.That(MetadataSpelling.LikelyMeant(written), Is.Null);
    }

    [Test]
    public void Report_MisspelledNames_WarnFB1019NamingBothWithTheMaskedUrl()
    {
        var log = new RecordingLog();
        var metadata = new Dictionary<string, string> { ["Sha265"] = "ab", ["Extrat"] = "true", ["Link"] = "x" };

        MetadataSpelling.Report([new RawArtifact("https://u:p@example.org/a.bin?token=1", metadata)], log);

        Assert.That(log.Diagnostics.Select(d => (d.Code, d.Severity)), Is.EqualTo(new[] { ("FB1019", FetchSeverity.Warning), ("FB1019", FetchSeverity.Warning) }));
        Assert.That(log.Diagnostics[0].Message, Does.StartWith("https://***@example.org/a.bin?token=***: the DownloadArtifact metadata 'Sha265'").And.Contain("Did you mean 'Sha256'?"));
        Assert.That(log.Diagnostics[1].Message, Does.Contain("'Extrat'").And.Contain("'Extract'"));
    }
}
