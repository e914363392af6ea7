using System.Text;
using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// The BCL path on its own, without the extractor's second attempt through SharpCompress: it must
/// refuse by itself what the BCL lets through (the BCL checks no CRC).
/// </summary>
public sealed class NativeZipEntriesTests
{
    private static readonly string Text = string.Concat(Enumerable.Repeat("deflate me, deflate me again\n", 200));

    [Test]
    public void ExtractTo_DeflateEntryWhoseDataDoesNotMatchItsCrc_Throws()
    {
        using var folder = new TempDirectory();
        var zip = ZipHeaders.WithCrc(new ZipBuilder().File("data.txt", Text).Build(), 0x12345678);

        var error = Assert.Throws<InvalidDataException>(() => Extract(folder, zip));

        Assert.That(error!.Message, Does.Contain("CRC-32 mismatch"));
    }

    [Test]
    public void ExtractTo_EncryptedEntry_IsRefusedBeforeItsDataIsRead()
    {
        using var folder = new TempDirectory();
        var zip = ZipHeaders.MarkedEncrypted(new ZipBuilder().File("secret.txt", Text).Build());

        var error = Assert.Throws<InvalidDataException>(() => Extract(folder, zip));

        Assert.That(error!.Message, Is.EqualTo("'secret.txt' is encrypted, which is not supported"));
    }

    [Test]
    public void ExtractTo_SizeDeclaredSmallerThanTheData_IsACrcMismatchNotATruncatedFile()
    {
        using var folder = new TempDirectory();
        // The BCL stops inflating at the declared size; the CRC covers all of the data.
        var zip = RawZip.LyingSize("small", Encoding.UTF8.GetBytes(Text), declaredSize: 10);

        var error = Assert.Throws<InvalidDataException>(() => Extract(folder, zip));

        Assert.That(error!.Message, Does.Contain("CRC-32 mismatch"));
    }

    [Test]
    public void ExtractTo_DeflateZip_WritesModesLinksAndContent()
    {
        using var folder = new TempDirectory();
        var zip = new ZipBuilder()
            .File("tool.sh", "#!/bin/sh\n", ZipBuilder.RegularFile | 0x1ED)
            .Symlink("tool", "tool.sh")
            .File("data.txt", Text)
            .Directory("empty")
            .Build();

        var files = Extract(folder, zip);

        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[] { ("data.txt", (long)Text.Length), ("tool.sh", 10L) }));
        Assert.That(File.ReadAllText(folder.Combine("out", "data.txt")), Is.EqualTo(Text));
        Assert.That(new FileInfo(folder.Combine("out", "tool")).LinkTarget, Is.EqualTo("tool.sh"));
        Assert.That(Directory.Exists(folder.Combine("out", "empty")), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(folder.Combine("out", "tool.sh")), Is.EqualTo((UnixFileMode)0x1ED));
        }
    }

    private static IReadOnlyList<ExtractedFile> Extract(TempDirectory folder, byte[] zip)
    {
        var path = folder.Combine("archive.zip");
        File.WriteAllBytes(path, zip);
        var target = Directory.CreateDirectory(folder.Combine("out")).FullName;
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        var directory = ZipCentralDirectory.Read(source)!;
        using var archive = ZipReaderChoice.OpenNative(source, directory);
        Assert.That(archive, Is.Not.Null, "the BCL reads this archive");
        var writer = new TreeWriter(target, ExtractionSandbox.Options(), ExtractionSandbox.MaskedUrl, CancellationToken.None);
        NativeZipEntries.ExtractTo(archive!, writer, directory.Entries);
        return writer.Complete();
    }
}
