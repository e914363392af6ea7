using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class FormatDetectorTests
{
    [TestCase("sample.tar", nameof(ArchiveFormat.Tar))]
    [TestCase("sample.tar.gz", nameof(ArchiveFormat.GZip))]
    [TestCase("sample.tar.bz2", nameof(ArchiveFormat.BZip2))]
    [TestCase("sample.tar.xz", nameof(ArchiveFormat.Xz))]
    [TestCase("sample.tar.zst", nameof(ArchiveFormat.Zstd))]
    [TestCase("sample.zip", nameof(ArchiveFormat.Zip))]
    [TestCase("sample.7z", nameof(ArchiveFormat.SevenZip))]
    public void Detect_RealArchive_FindsItsFormat(string fixture, string expected)
    {
        var head = File.ReadAllBytes(ExtractionSandbox.Fixture(fixture)).Take(FormatDetector.TarBlockSize).ToArray();

        Assert.That(FormatDetector.Detect(head).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Detect_EmptyZip_IsZip()
    {
        var zip = new ZipBuilder().Build();

        Assert.That(FormatDetector.Detect(zip), Is.EqualTo(ArchiveFormat.Zip));
    }

    [Test]
    public void LooksLikeTar_HeaderWithoutUstarMagic_IsRecognisedByItsChecksum()
    {
        var header = new TarBuilder().File("v7.txt", "x").Build().Take(FormatDetector.TarBlockSize).ToArray();
        header.AsSpan(257, 8).Clear();
        // Fix the checksum for the cleared magic, as a V7 writer would have computed it.
        var sum = header.Select((b, i) => i is >= 148 and < 156 ? (byte)' ' : b).Sum(b => b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);

        Assert.That(FormatDetector.LooksLikeTar(header), Is.True);
    }

    [Test]
    public void LooksLikeTar_HeaderWithAWrongChecksum_IsNot()
    {
        var header = new TarBuilder().File("a.txt", "x").Build().Take(FormatDetector.TarBlockSize).ToArray();
        header[0] ^= 0x01;

        Assert.That(FormatDetector.LooksLikeTar(header), Is.False);
    }

    [TestCase(0x50)]
    [TestCase(0x5F)]
    public void Detect_ZstdSkippableFrameFirst_IsZstd(int first)
    {
        byte[] head = [(byte)first, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4];

        Assert.That(FormatDetector.Detect(head), Is.EqualTo(ArchiveFormat.Zstd));
    }

    [Test]
    public void Detect_PlainText_IsUnknown()
    {
        Assert.That(FormatDetector.Detect(new byte[FormatDetector.TarBlockSize]), Is.EqualTo(ArchiveFormat.Unknown));
        Assert.That(FormatDetector.Detect("just text"u8), Is.EqualTo(ArchiveFormat.Unknown));
    }
}
