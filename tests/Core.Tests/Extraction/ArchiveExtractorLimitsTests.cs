using System.IO.Compression;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>RELIABILITY.md case 8: bombs are stopped on bytes actually written, never on declared sizes.</summary>
public sealed class ArchiveExtractorLimitsTests
{
    private const string TooLarge = DiagnosticCatalog.ArchiveTooLargeCode;
    private const int Limit = 1 << 20;

    [Test]
    public void Extract_OneHugeEntry_StopsWritingAtTheLimit()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().Zeros("big", 3 * Limit).BuildGzip();

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(maxBytes: Limit)), Is.EqualTo(TooLarge));
        Assert.That(new FileInfo(sandbox.PathOf("big")).Length, Is.LessThanOrEqualTo(Limit), "the limit is never passed on disk");
    }

    [Test]
    public void Extract_ExactlyTheLimit_Succeeds()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(new TarBuilder().Zeros("a", Limit / 2).Zeros("b", Limit / 2).Build(), ExtractionSandbox.Options(maxBytes: Limit));

        Assert.That(files.Sum(f => f.Size), Is.EqualTo(Limit));
    }

    [Test]
    public void Extract_SingleGzipBomb_StopsAtTheLimit()
    {
        using var sandbox = new ExtractionSandbox();
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[3 * Limit]);
        }

        Assert.That(sandbox.Refuse(packed.ToArray(), ExtractionSandbox.Options(maxBytes: Limit)), Is.EqualTo(TooLarge));
    }

    [Test]
    public void Extract_ZipSizeDeclaredSmall_IsCountedOnBytesWritten()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = RawZip.LyingSize("big", new byte[3 * Limit], declaredSize: 10);

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(maxBytes: Limit)), Is.EqualTo(TooLarge));
    }

    [Test]
    public void Extract_ZipSizeThatLiesUnderTheLimit_IsUnreadable()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = RawZip.LyingSize("small", new byte[1000], declaredSize: 10);

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(DiagnosticCatalog.UnreadableArchiveCode));
    }

    [Test]
    public void Extract_OverlappingZipEntries_AreCountedEachTime()
    {
        using var sandbox = new ExtractionSandbox();
        // Ten central-directory records share one compressed megabyte: ten megabytes out.
        var archive = RawZip.Overlapping(new byte[Limit], count: 10);

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(maxBytes: 5 * Limit)), Is.EqualTo(TooLarge));
    }

    [Test]
    public void Extract_ManyHardLinksToOneFile_AreCountedAsCopies()
    {
        using var sandbox = new ExtractionSandbox();
        var tar = new TarBuilder().Zeros("big", Limit / 4);
        for (var i = 0; i < 8; i++)
        {
            tar.HardLink($"copy-{i}", "big");
        }

        Assert.That(sandbox.Refuse(tar.Build(), ExtractionSandbox.Options(maxBytes: Limit)), Is.EqualTo(TooLarge));
    }

    [Test]
    public void Extract_SkippedEntries_StillCountAgainstTheLimit()
    {
        using var sandbox = new ExtractionSandbox();
        // "big" has one component and is stripped: it is not written, but it is decompressed.
        var archive = new TarBuilder().Zeros("big", 3 * Limit).File("top/kept.txt", "k").BuildGzip();

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(strip: 1, maxBytes: Limit)), Is.EqualTo(TooLarge));
    }

    [TestCase(100, false)]
    [TestCase(101, true)]
    public void Extract_ManyTinyEntries_AreLimitedByCount(int entries, bool refused)
    {
        using var sandbox = new ExtractionSandbox();
        var zip = new ZipBuilder();
        for (var i = 0; i < entries; i++)
        {
            zip.File($"f{i}", "x");
        }

        var options = ExtractionSandbox.Options(maxEntries: 100);
        if (refused)
        {
            Assert.That(sandbox.Refuse(zip.Build(), options), Is.EqualTo(TooLarge));
        }
        else
        {
            Assert.That(sandbox.Extract(zip.Build(), options), Has.Count.EqualTo(entries));
        }
    }
}
