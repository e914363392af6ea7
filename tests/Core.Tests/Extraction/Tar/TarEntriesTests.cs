using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests.Extraction.Tar;

/// <summary>
/// Tar shapes no tool at hand writes, built byte by byte. Where an archive is read, the expected
/// tree is what bsdtar extracted from the same bytes (dumped once); where it is refused, FB1008
/// names the entry in our words.
/// </summary>
public sealed class TarEntriesTests
{
    private const string Unreadable = DiagnosticCatalog.UnreadableArchiveCode;

    [TestCase('\0', TarBuilder.V7Magic)]
    [TestCase('0', TarBuilder.UstarMagic)]
    public void ExtractTo_RegularEntryNamedWithATrailingSlash_IsADirectory(char type, string magic)
    {
        // Before type '5', a folder was a regular entry whose name ended in '/'.
        var archive = new TarBuilder()
            .Entry("old/", type, magic: magic)
            .Entry("old/inside.txt", type, "in\n"u8.ToArray(), magic: magic)
            .Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "d old", "f old/inside.txt 3 ab5080369a968a36" }));
    }

    [Test]
    public void ExtractTo_RepeatedGnuLongName_TheLastOneNamesTheEntry()
    {
        var archive = new TarBuilder()
            .GnuLongName("first/discarded-name.txt")
            .GnuLongName("second/kept-name.txt")
            .Entry("short", '0', "long\n"u8.ToArray(), magic: TarBuilder.GnuMagic)
            .Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "d second", "f second/kept-name.txt 5 bbdbb75b415ee9a4" }));
    }

    [Test]
    public void ExtractTo_HardLinkCarryingASizeWithoutData_IsALinkAndTheNextHeaderIsRead()
    {
        // node-tar and star wrote the linked file's size on the link, and no data.
        var archive = new TarBuilder().File("a.txt", "shared").Entry("b.txt", '1', size: 6, linkName: "a.txt").File("c.txt", "c").Build();

        Assert.That(Extract(archive), Is.EqualTo(HardLinkTree));
    }

    [Test]
    public void ExtractTo_PaxHardLinkCarryingData_SkipsTheData()
    {
        // pax lets a hard link carry its file's content; the entry is still the link.
        var archive = new TarBuilder()
            .File("a.txt", "shared")
            .Pax('x', "comment", "pax")
            .Entry("b.txt", '1', "shared"u8.ToArray(), linkName: "a.txt")
            .File("c.txt", "c")
            .Build();

        Assert.That(Extract(archive), Is.EqualTo(HardLinkTree));
    }

    [TestCase(TarBuilder.UstarMagic)]
    [TestCase(TarBuilder.GnuMagic)]
    public void ExtractTo_DirectoryCarryingASizeWithoutData_IsReadWhole(string magic)
    {
        var archive = new TarBuilder().Entry("dir/", '5', size: 1024, magic: magic).File("dir/a.txt", "a").Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "d dir", "f dir/a.txt 1 ca978112ca1bbdca" }));
    }

    [Test]
    public void ExtractTo_NumbersPaddedWithSpacesAndIdsOfSpacesOnly_AreRead()
    {
        // Plexus archiver (Maven) wrote uid and gid as spaces, and numbers between spaces.
        var archive = new TarBuilder().Entry("p.txt", '0', "plexus\n"u8.ToArray(), edit: header =>
        {
            "        "u8.CopyTo(header.AsSpan(108));
            "        "u8.CopyTo(header.AsSpan(116));
            "    644 \0"u8.CopyTo(header.AsSpan(100));
            "         7 "u8.CopyTo(header.AsSpan(124));
        }).Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "f p.txt 7 ba0fe0ec257068c4" }));
    }

    [Test]
    public void ExtractTo_SizeInBase256_IsRead()
    {
        var archive = new TarBuilder().Entry("b.txt", '0', "base\n"u8.ToArray(), magic: TarBuilder.GnuMagic, edit: header =>
        {
            header.AsSpan(124, 12).Clear();
            header[124] = 0x80;
            header[135] = 5;
        }).Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "f b.txt 5 f34848ca92665c34" }));
    }

    [Test]
    public void ExtractTo_UnknownTypeFlag_IsARegularFile()
    {
        // POSIX: a reader extracts a type it does not know as a regular file.
        Assert.That(Extract(new TarBuilder().Entry("z.txt", 'Z', "zed\n"u8.ToArray()).Build()), Is.EqualTo(new[] { "f z.txt 4 e4c81d6e661b430d" }));
    }

    [Test]
    public void ExtractTo_GnuVolumeLabel_IsSkipped()
    {
        var archive = new TarBuilder().Entry("my volume", 'V', magic: TarBuilder.GnuMagic).File("a.txt", "a").Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "f a.txt 1 ca978112ca1bbdca" }));
    }

    [Test]
    public void ExtractTo_PaxGlobalHeaderWithAPath_NamesNoEntry()
    {
        // Global records describe the archive; a 'path' there would rename every entry, and no reader does that.
        var archive = new TarBuilder().Pax('g', "path", "evil/everything").File("a.txt", "a").Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "f a.txt 1 ca978112ca1bbdca" }));
    }

    [Test]
    public void ExtractTo_PaxPath_RenamesTheNextEntryOnly()
    {
        var archive = new TarBuilder().Pax('x', "path", "renamed.txt").Entry("header-name.txt", '0', "x\n"u8.ToArray()).File("b.txt", "b").Build();

        Assert.That(Extract(archive), Is.EqualTo(new[] { "f b.txt 1 3e23e8160039594a", "f renamed.txt 2 73cb3858a687a849" }));
    }

    [Test]
    public void ExtractTo_ArchiveWithoutEndBlocks_IsRead()
    {
        Assert.That(Extract(new TarBuilder().File("a.txt", "a").Build()[..^1024]), Is.EqualTo(new[] { "f a.txt 1 ca978112ca1bbdca" }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void ExtractTo_BackslashInAName_IsACharacter()
    {
        // GNU tar and bsdtar write 'a\b.txt' as one file; Windows cannot, and splits it there.
        Assert.That(Extract(new TarBuilder().File(@"a\b.txt", "x").Build()), Is.EqualTo(new[] { @"f a\b.txt 1 2d711642b726b044" }));
    }

    [Test]
    public void ExtractTo_MalformedPaxRecord_IsUnreadable()
    {
        // "99" claims more than the header holds: GNU tar, bsdtar and Python's tarfile all report an error.
        var archive = new TarBuilder().Entry("PaxHeaders/x", 'x', "20 path=renamed.txt\n99 path=other.txt\n"u8.ToArray()).File("a.txt", "a").Build();

        Assert.That(Refuse(archive), Does.EndWith("the pax header at the start of the archive is malformed: a record's length does not match its content"));
    }

    [Test]
    public void ExtractTo_MultiVolumeContinuation_IsUnreadableAndNamed()
    {
        var archive = new TarBuilder().Entry("part.bin", 'M', "rest"u8.ToArray(), magic: TarBuilder.GnuMagic).Build();

        Assert.That(Refuse(archive), Does.EndWith("entry 'part.bin' continues a file from the previous volume of a multi-volume archive, which is not supported"));
    }

    [Test]
    public void ExtractTo_NegativeSize_IsUnreadableAndNamed()
    {
        var archive = new TarBuilder().Entry("neg.txt", '0', magic: TarBuilder.GnuMagic, edit: header => header.AsSpan(124, 12).Fill(0xFF)).Build();

        Assert.That(Refuse(archive), Does.EndWith("entry 'neg.txt' has a negative size (-1)"));
    }

    [Test]
    public void ExtractTo_DataCutShort_IsUnreadableAndNamesTheEntry()
    {
        var archive = new TarBuilder().File("a.txt", "a").File("cut.bin", new byte[2000]).Build()[..1600];

        Assert.That(Refuse(archive), Does.EndWith("entry 'cut.bin' is truncated: the archive ends 1936 bytes before the end of its data"));
    }

    [Test]
    public void ExtractTo_DamagedHeader_IsUnreadableAndNamesTheEntryBefore()
    {
        var archive = new TarBuilder().File("a.txt", "a").File("b.txt", "b").Build();
        archive[1024 + 10] ^= 0x01;

        Assert.That(Refuse(archive), Does.EndWith("the tar header after entry 'a.txt' is damaged: its checksum does not match its content"));
    }

    [Test]
    public void ExtractTo_PaxHeaderLargerThanAnyRealOne_IsUnreadableBeforeItIsRead()
    {
        var archive = new TarBuilder().Entry("PaxHeaders/x", 'x', size: 9 << 20).Build();

        Assert.That(Refuse(archive), Does.Contain("the pax header at the start of the archive is 9437184 bytes, more than"));
    }

    [TestCase("GNU.sparse.map", "0,10,5,10")]
    [TestCase("GNU.sparse.map", "0,10,15")]
    [TestCase("GNU.sparse.map", "0,99")]
    public void ExtractTo_SparseMapThatDoesNotFitTheData_IsUnreadable(string key, string map)
    {
        var archive = new TarBuilder()
            .Pax('x', ("GNU.sparse.size", "30"u8.ToArray()), ("GNU.sparse.numblocks", "2"u8.ToArray()), (key, System.Text.Encoding.ASCII.GetBytes(map)))
            .Entry("s.bin", '0', new byte[20])
            .Build();

        Assert.That(Refuse(archive), Does.Contain("entry 's.bin' is a sparse file whose map is damaged"));
    }

    [Test]
    public void ExtractTo_SparseMapClaimingMoreThanTheLimit_IsTooLarge()
    {
        using var sandbox = new ExtractionSandbox();
        // Ten stored bytes at the end of a file of 4 GiB: the holes are written, and counted.
        var archive = new TarBuilder()
            .Pax('x', ("GNU.sparse.size", "4294967296"u8.ToArray()), ("GNU.sparse.map", "4294967286,10"u8.ToArray()))
            .Entry("bomb.bin", '0', new byte[10])
            .Build();

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(maxBytes: 1 << 20)), Is.EqualTo(DiagnosticCatalog.ArchiveTooLargeCode));
    }

    private static readonly string[] HardLinkTree =
    [
        "f a.txt 6 a4d26868017c0ccf",
        "f b.txt 6 a4d26868017c0ccf",
        "f c.txt 1 2e7d2c03a9507ae2",
    ];

    private static IReadOnlyList<string> Extract(byte[] archive)
    {
        using var sandbox = new ExtractionSandbox();
        sandbox.Extract(archive);
        return TreeSnapshot.Of(sandbox.Target);
    }

    private static string Refuse(byte[] archive)
    {
        using var sandbox = new ExtractionSandbox();
        var error = Assert.Throws<FetchException>(() => sandbox.Extract(archive))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(Unreadable));
        return error.Diagnostic.Message;
    }
}
