using System.Formats.Tar;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Real builds that extract every archive format, and one that refuses a hostile archive.</summary>
public sealed class ExtractionTests : ConsumerBuildFixture
{
    private static readonly string[] Formats = ["tar", "tar.gz", "tar.bz2", "tar.xz", "tar.zst", "zip", "7z"];

    // README "Item metadata": Extract, StripComponents.
    [Test]
    public async Task Build_EveryArchiveFormat_IsExtractedStrippedAndReported()
    {
        using var project = new ConsumerProject(Cache.Path);
        foreach (var format in Formats)
        {
            var bytes = File.ReadAllBytes(Fixture("sample." + format));
            Server.Serve("sample." + format, bytes);
            project.Items.Add(ConsumerProject.Artifact(Server.Url("sample." + format).AbsoluteUri,
                ("Sha256", TestData.Sha256(bytes)), ("Extract", "true"), ("StripComponents", "1"), ("DestinationFolder", "fetched/" + format)));
        }

        var notes = File.ReadAllBytes(Fixture("notes.txt.xz"));
        Server.Serve("notes.txt.xz", notes);
        project.Items.Add(ConsumerProject.Artifact(Server.Url("notes.txt.xz").AbsoluteUri, ("Sha256", TestData.Sha256(notes)), ("Extract", "true"), ("DestinationFolder", "fetched/single")));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        foreach (var format in Formats)
        {
            var root = Path.Combine(project.Folder, "fetched", format, "sample");
            Assert.That(File.ReadAllText(Path.Combine(root, "README.txt")), Is.EqualTo("Fetch.Build fixture\n"), format);
            Assert.That(File.Exists(Path.Combine(root, "data", "numbers.csv")), Is.True, format);
            var artifact = run.Report.Artifacts.Single(a => a.SourceUrl.EndsWith("sample." + format, StringComparison.Ordinal));
            Assert.That((artifact.Path, artifact.Extracted), Is.EqualTo((root, true)), format);
            Assert.That(run.Report.Files.Where(f => f.SourceUrl == artifact.SourceUrl).Select(f => f.RelativePath),
                Is.EquivalentTo(new[] { "README.txt", "data/empty.txt", "data/numbers.csv" }), format);
        }

        Assert.That(File.ReadAllText(Path.Combine(project.Folder, "fetched", "single", "notes.txt", "notes.txt")), Is.EqualTo("one compressed file, not a tar\n"));
    }

    [Test]
    public async Task Build_ExtractedTreeWithCopyToOutput_ReachesBinUnderTheLinkPrefix_AndKeepsExecuteBits()
    {
        var bytes = File.ReadAllBytes(Fixture("links.tar.gz"));
        Server.Serve("links.tar.gz", bytes);
        using var project = new ConsumerProject(Cache.Path);
        project.Items.Add(ConsumerProject.Artifact(Server.Url("links.tar.gz").AbsoluteUri,
            ("Sha256", TestData.Sha256(bytes)), ("Extract", "true"), ("StripComponents", "1"), ("CopyToOutputDirectory", "PreserveNewest"), ("Link", "tools")));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        var tool = Path.Combine(project.Folder, "bin", "Debug", "net10.0", "tools", "bin", "tool.sh");
        Assert.That(File.ReadAllText(tool), Does.Contain("echo tool"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(project.Folder, "obj", "fetch", "links", "bin", "tool.sh")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        }
    }

    [Test]
    public async Task Build_HostileArchive_FailsWithFB1004AndPlacesNothing()
    {
        var hostile = HostileTar();
        Server.Serve("evil.tar", hostile);
        using var project = new ConsumerProject(Cache.Path);
        project.Items.Add(ConsumerProject.Artifact(Server.Url("evil.tar").AbsoluteUri, ("Sha256", TestData.Sha256(hostile)), ("Extract", "true")));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1004").And.Contain("../escaped.txt"));
        Assert.That(Directory.Exists(Path.Combine(project.Folder, "obj", "fetch", "evil")), Is.False);
        Assert.That(File.Exists(Path.Combine(project.Folder, "obj", "escaped.txt")), Is.False);
        Assert.That(File.Exists(Path.Combine(project.Folder, "obj", "fetch", "escaped.txt")), Is.False);
    }

    private static byte[] HostileTar()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var name in new[] { "fine.txt", "../escaped.txt" })
            {
                var entry = new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("x"u8.ToArray()) };
                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static string Fixture(string name) => Path.Combine(RepositoryRoot.Find(), "tests", "Core.Tests", "Fixtures", "Archives", name);
}
