using System.Diagnostics;
using System.IO.Compression;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>Real archives made by real tools (Fixtures/Archives/make-fixtures.sh), one per format.</summary>
public sealed class ArchiveExtractorTests
{
    private const string Readme = "Fetch.Build fixture\n";
    private const string Notes = "one compressed file, not a tar\n";

    private static readonly string[] SampleArchives =
    [
        "sample.tar", "sample.tar.gz", "sample.tar.bz2", "sample.tar.xz", "sample.tar.zst", "sample.zip", "sample.7z",
        "sample-bzip2.zip", "sample-lzma.zip", "sample-deflate64.zip",
    ];

    private static readonly string[] LinkArchives = ["links.tar.gz", "links.zip", "links.7z"];

    private static readonly string[] CompressedFiles = ["notes.txt.gz", "notes.txt.bz2", "notes.txt.xz", "notes.txt.zst"];

    [TestCaseSource(nameof(SampleArchives))]
    public void Extract_EachFormat_WritesTheSampleTree(string fixture)
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture);

        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[]
        {
            ("sample/README.txt", 20L),
            ("sample/data/empty.txt", 0L),
            ("sample/data/numbers.csv", 357L),
        }));
        Assert.That(File.ReadAllText(sandbox.PathOf("sample/README.txt")), Is.EqualTo(Readme));
        Assert.That(File.ReadAllLines(sandbox.PathOf("sample/data/numbers.csv"))[^1], Is.EqualTo("50,2500"));
        Assert.That(Directory.Exists(sandbox.PathOf("sample/empty")), Is.True, "an empty folder is kept");
        Assert.That(sandbox.Strangers(), Is.Empty);
    }

    [TestCaseSource(nameof(SampleArchives))]
    public void Extract_StripOneComponent_DropsTheTopFolder(string fixture)
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture, ExtractionSandbox.Options(strip: 1));

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "README.txt", "data/empty.txt", "data/numbers.csv" }));
        Assert.That(Directory.EnumerateFileSystemEntries(sandbox.Target).Select(Path.GetFileName), Is.EquivalentTo(new[] { "README.txt", "data", "empty" }));
    }

    [Test]
    public void Extract_StripMoreThanTheDepth_SkipsEverything()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture("sample.tar.gz"), options: ExtractionSandbox.Options(strip: 3));

        Assert.That(files, Is.Empty);
        Assert.That(Directory.EnumerateFileSystemEntries(sandbox.Target), Is.Empty);
    }

    [TestCaseSource(nameof(LinkArchives))]
    public void Extract_LinksInsideTheRoot_AreCreatedAsLinksAndExecuteBitsKept(string fixture)
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture);

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "tools/bin/tool.sh", "tools/share/notes.txt" }), "links are not regular files");
        Assert.That(new FileInfo(sandbox.PathOf("tools/bin/tool")).LinkTarget, Is.EqualTo("tool.sh"));
        Assert.That(new DirectoryInfo(sandbox.PathOf("tools/doc")).LinkTarget, Is.EqualTo("share"));
        Assert.That(File.ReadAllText(sandbox.PathOf("tools/doc/notes.txt")), Is.EqualTo("inside the root\n"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(sandbox.PathOf("tools/bin/tool.sh")), Is.EqualTo((UnixFileMode)0x1ED), "rwxr-xr-x");
            Assert.That(File.GetUnixFileMode(sandbox.PathOf("tools/share/notes.txt")), Is.EqualTo((UnixFileMode)0x1A4), "rw-r--r--");
        }
    }

    [TestCaseSource(nameof(CompressedFiles))]
    public void Extract_SingleCompressedFile_IsNamedWithoutItsLastExtension(string fixture)
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture);

        Assert.That(files, Is.EqualTo(new[] { new ExtractedFile("notes.txt", Notes.Length) }));
        Assert.That(File.ReadAllText(sandbox.PathOf("notes.txt")), Is.EqualTo(Notes));
    }

    [Test]
    public void Extract_ConcatenatedZstdFrames_AreOneFile()
    {
        using var sandbox = new ExtractionSandbox();
        var frame = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.zst"));

        sandbox.Extract(sandbox.Save([.. frame, .. frame]), "notes.txt.zst");

        Assert.That(File.ReadAllText(sandbox.PathOf("notes.txt")), Is.EqualTo(Notes + Notes));
    }

    [Test]
    public void Extract_SingleCompressedFile_StripComponentsDoesNotApply()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture("notes.txt.xz"), "notes.txt.xz", ExtractionSandbox.Options(strip: 1));

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "notes.txt" }));
    }

    [Test]
    public void Extract_NameSaysZipButContentIsTarGz_FollowsTheContent()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture("sample.tar.gz"), "misleading.zip");

        Assert.That(files, Has.Count.EqualTo(3));
    }

    [Test]
    public void Extract_GzipWithoutCompressionExtension_KeepsTheName()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture("notes.txt.gz"), "download");

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "download" }));
    }

    [Test]
    public void Extract_ArchiveTimes_AreNotApplied()
    {
        using var sandbox = new ExtractionSandbox();
        // The fixture's entries are dated 2024-01-02; a placed file is as new as its placement.
        var before = DateTime.UtcNow.AddSeconds(-2);

        sandbox.Extract(ExtractionSandbox.Fixture("sample.tar"));

        Assert.That(File.GetLastWriteTimeUtc(sandbox.PathOf("sample/README.txt")), Is.GreaterThan(before));
    }

    [Test]
    public void Extract_ResultIsSortedOrdinally()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("b.txt", "b").File("B.md", "B2").File("a/z.txt", "z").File("_x", "x").Build();

        var files = sandbox.Extract(archive);

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "B.md", "_x", "a/z.txt", "b.txt" }));
    }

    [Test]
    public void Extract_CancelledToken_ThrowsOperationCanceled()
    {
        using var sandbox = new ExtractionSandbox();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            sandbox.Extract(ExtractionSandbox.Fixture("sample.zip"), cancellationToken: cancellation.Token));
    }

    [Test]
    public void Extract_CancelledMidway_StopsWithinASecond()
    {
        using var sandbox = new ExtractionSandbox();
        var member = new MemoryStream();
        using (var gzip = new GZipStream(member, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[1 << 20]);
        }

        // Two thousand copies of one gzip member: 2 GiB of zeros, more than a few seconds' work.
        var archive = sandbox.Save(Enumerable.Repeat(member.ToArray(), 2000).SelectMany(bytes => bytes).ToArray());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        Assert.Catch<OperationCanceledException>(() =>
            sandbox.Extract(archive, "zeros.gz", ExtractionSandbox.Options(maxBytes: 4L << 30), cancellation.Token));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.2)));
    }

    [Test]
    public void Extract_EmptyZip_GivesNoFiles()
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Extract(new ZipBuilder().Build()), Is.Empty);
    }
}
