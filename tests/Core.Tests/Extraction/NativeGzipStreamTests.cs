using System.IO.Compression;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class NativeGzipStreamTests
{
    private static readonly byte[] Data = TestData.Bytes(200_000, seed: 5);

    [Test]
    public void Read_WholeSingleMember_GivesTheDataAndPassesTheEndCheck()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, Gzip(Data));

        Assert.That(ReadAll(path), Is.EqualTo(Data));
    }

    [Test]
    public void Read_CutShort_ThrowsAtTheEndInsteadOfEndingEarly()
    {
        using var folder = new TempDirectory();
        var whole = Gzip(Data);
        var path = Write(folder, whole[..(whole.Length / 2)]);

        Assert.That(() => ReadAll(path), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Read_TwoMembers_IsRefusedSoTheExactPathDecides()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, [.. Gzip(Data[..1000]), .. Gzip(Data[1000..])]);

        Assert.That(() => ReadAll(path), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Extract_TwoMemberGzip_IsExtractedWholeByTheExactPath()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, [.. Gzip(Data[..1000]), .. Gzip(Data[1000..])]);
        var target = Directory.CreateDirectory(folder.Combine("out")).FullName;

        var files = ArchiveExtractor.Extract(path, target, "data.bin.gz", new ExtractionOptions(0, long.MaxValue), "u", CancellationToken.None);

        Assert.That(files.Single().RelativePath, Is.EqualTo("data.bin"));
        Assert.That(File.ReadAllBytes(Path.Combine(target, "data.bin")), Is.EqualTo(Data));
    }

    [Test]
    public void Extract_CutGzip_IsFB1008AndLeavesNoPartialFile()
    {
        using var folder = new TempDirectory();
        var whole = Gzip(Data);
        var path = Write(folder, whole[..(whole.Length - 100)]);
        var target = Directory.CreateDirectory(folder.Combine("out")).FullName;

        var error = Assert.Throws<FetchException>(() => ArchiveExtractor.Extract(path, target, "data.bin.gz", new ExtractionOptions(0, long.MaxValue), "u", CancellationToken.None));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo("FB1008"));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static string Write(TempDirectory folder, byte[] content)
    {
        var path = folder.Combine("data.bin.gz");
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] ReadAll(string path)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var stream = new NativeGzipStream(source);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
