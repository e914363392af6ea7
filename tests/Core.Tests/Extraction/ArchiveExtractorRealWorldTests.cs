namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Archives as the world makes them (issue #15), each made by the real tool in
/// Fixtures/Archives/make-fixtures.sh. Every expected tree is what bsdtar extracted from the same
/// file, printed once as <see cref="TreeSnapshot"/> lines, so no test needs bsdtar to run.
/// </summary>
public sealed class ArchiveExtractorRealWorldTests
{
    private const string LongName = "long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-end.txt";

    private static readonly string[] GnuFormatTree =
    [
        "d fmt",
        "f fmt/a.txt 6 b6a98d9ce9a2d914",
        "d fmt/empty",
        "f fmt/hard.txt 6 b6a98d9ce9a2d914",
        "f fmt/" + new string('n', 120) + ".txt 5 bbdbb75b415ee9a4",
        "f fmt/old.txt 4 01d09d19c2139a46",
        "f fmt/run.sh 19 892ef2f98af5f398 x",
        "l fmt/sym -> a.txt",
    ];

    private static readonly string[] SparseTree = ["d sp", "f sp/holes.bin 200000 31e021e96efde134"];

    private static readonly string[] SampleTree =
    [
        "d sample",
        "f sample/README.txt 20 747952eb1fa63aab",
        "d sample/data",
        "f sample/data/empty.txt 0 e3b0c44298fc1c14",
        "f sample/data/numbers.csv 357 1261a82bb1531c1b",
        "d sample/empty",
    ];

    [Test]
    public void Extract_GitArchiveTarball_SkipsThePaxGlobalHeader()
    {
        // Every "Source code (tar.gz)" GitHub and GitLab serve starts with a 'g' header holding the commit id.
        AssertTree("git-archive.tar.gz",
        [
            "d repo-1.0",
            "f repo-1.0/README.md 6 5891b5b522d5df08",
            "l repo-1.0/link.md -> README.md",
            "d repo-1.0/src",
            $"f repo-1.0/src/{LongName} 5 64896f89fd111900",
            "f repo-1.0/src/run.sh 19 a4e0317eafab5cf1 x",
        ]);
    }

    [TestCase("gnu-oldgnu.tar.gz")]
    [TestCase("gnu-gnu.tar.gz")]
    [TestCase("gnu-posix.tar.gz")]
    public void Extract_GnuTarFormat_WritesTheTreeBsdtarWrites(string fixture)
    {
        // Long names ('L' or pax path), a hard link, a time before 1970 (base-256 or a negative pax
        // time), and in posix a binary xattr record on every entry.
        AssertTree(fixture, GnuFormatTree);
    }

    [Test]
    public void Extract_GnuTarV7Format_WritesTheTreeBsdtarWrites()
    {
        // V7 holds neither the long name nor the 1960 file.
        AssertTree("gnu-v7.tar.gz", GnuFormatTree.Where(line => !line.Contains("nnnn", StringComparison.Ordinal) && !line.Contains("old.txt", StringComparison.Ordinal)).ToArray());
    }

    [TestCase("sparse-gnu.tar.gz")]
    [TestCase("sparse-pax-0.0.tar.gz")]
    [TestCase("sparse-pax-0.1.tar.gz")]
    [TestCase("sparse-pax-1.0.tar.gz")]
    public void Extract_GnuSparseFile_IsWrittenWithItsHoles(string fixture)
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture);

        Assert.That(TreeSnapshot.Of(sandbox.Target), Is.EqualTo(SparseTree));
        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[] { ("sp/holes.bin", 200_000L) }));
        var content = File.ReadAllBytes(sandbox.PathOf("sp/holes.bin"));
        Assert.That(content.AsSpan(70_000, 6).ToArray(), Is.EqualTo("middle"u8.ToArray()));
        Assert.That(content.AsSpan(199_997).ToArray(), Is.EqualTo("end"u8.ToArray()));
    }

    [Test]
    public void Extract_TarNamesThatAreNotUtf8_StayDistinct()
    {
        // bsdtar writes the bytes 0xE8 and 0xE9 as they are; .NET names files with strings that reach
        // the OS as UTF-8, so the bytes are escaped. They must not both become "caf\uFFFD.txt".
        AssertTree("latin1-names.tar.gz",
        [
            "d latin1",
            "f latin1/caf%E8.txt 8 3a04fa7b712b1a3b",
            "f latin1/caf%E9.txt 8 cb67755626a74ecf",
        ]);
    }

    [Test]
    public void Extract_ZipOfCodePage437Names_DecodesThemAsTheSpecificationSays()
    {
        // bsdtar --options hdrcharset=CP437; by default bsdtar writes the bytes as they are.
        AssertTree("cp437.zip", ["d legacy", "f legacy/cafè.txt 8 3a04fa7b712b1a3b", "f legacy/café.txt 8 cb67755626a74ecf"]);
    }

    [Test]
    public void Extract_ZipOfUtf8NamesWithoutTheFlag_KeepsThemUtf8()
    {
        AssertTree("utf8-unflagged.zip", ["d names", "f names/café.txt 6 3074ece9dd802c4f"]);
    }

    [TestCase("prefixed.zip")]
    [TestCase("sfx.zip")]
    public void Extract_ZipAfterAStub_IsFoundFromItsEnd(string fixture)
    {
        // A shell stub, then sample.zip: as `cat` leaves it (offsets from the zip) and as `zip -A`
        // adjusts it for a self-extractor (offsets from the file).
        AssertTree(fixture, SampleTree);
    }

    [Test]
    public void Extract_GzipPaddedWithZerosToABlock_IsRead()
    {
        // gzip output through `dd conv=sync`, as tape writers leave it.
        AssertTree("sample-padded.tar.gz", SampleTree);
    }

    [Test]
    public void Extract_ZstdThatOpensWithASkippableFrame_IsRecognised()
    {
        AssertTree("notes-pzstd.txt.zst", ["f notes-pzstd.txt 31 9bed45fbfcc59711"]);
    }

    private static void AssertTree(string fixture, string[] expected)
    {
        using var sandbox = new ExtractionSandbox();

        sandbox.Extract(ExtractionSandbox.Fixture(fixture), fixture);

        Assert.That(TreeSnapshot.Of(sandbox.Target), Is.EqualTo(expected));
        Assert.That(sandbox.Strangers(), Is.Empty);
    }
}
