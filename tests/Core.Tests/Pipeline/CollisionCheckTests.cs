using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Pipeline;

public sealed class CollisionCheckTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "collisions");

    [Test]
    public void Find_DistinctFilesAndSiblingsSharingAPrefix_ReportsNothing()
    {
        var errors = Check(File("data"), File("data-2"), File("data.bin"), Tree("data.tar.gz"), File("other", "data"));

        // Tree("data.tar.gz") occupies "data": it collides with File("data") only.
        Assert.That(errors.Select(Pair), Is.EqualTo(new[] { (3, 0) }));
    }

    [Test]
    public void Find_SamePathInAnotherCase_IsOneCollision()
    {
        var errors = Check(File("Model.bin"), File("model.BIN"));

        Assert.That(errors.Select(Pair), Is.EqualTo(new[] { (1, 0) }));
        Assert.That(errors[0].Code, Is.EqualTo(DiagnosticCatalog.DestinationCollisionCode));
        Assert.That(errors[0].Message, Does.StartWith("https://example.org/1/model.BIN: writes").And.Contain("https://example.org/0/Model.bin also writes"));
        // The metadata that renames a file is DestinationFileName: FileName is MSBuild's %(Filename).
        Assert.That(errors[0].Message, Does.EndWith("another DestinationFolder or DestinationFileName."));
    }

    [Test]
    public void Find_FilesInsideAnExtractedFolder_CollideWithTheFolderNotWithEachOther()
    {
        var errors = Check(File("a", "dataset"), Tree("dataset.zip"), File("b", "dataset"), File("dataset", "x.bin"), File("dataset", "y.bin"));

        Assert.That(errors.Select(Pair), Is.EqualTo(new[] { (3, 1), (4, 1) }));
    }

    [Test]
    public void Find_FolderDeclaredAfterTheFileInsideIt_IsReportedLaterFirst()
    {
        var errors = Check(File("set", "inner", "f.bin"), Tree("set.zip"), File("set", "g.bin"));

        Assert.That(errors.Select(Pair), Is.EqualTo(new[] { (1, 0), (2, 1) }));
        Assert.That(errors[0].Message, Does.StartWith("https://example.org/1/set.zip:"));
    }

    [Test]
    public void Find_NestedTrees_ReportEveryEnclosingPair()
    {
        var errors = Check(Tree("a.zip"), Tree("a", "b.zip"), File("a", "b", "c.bin"), File("a", "b", "c.bin"));

        Assert.That(errors.Select(Pair), Is.EqualTo(new[] { (1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2) }));
    }

    [Test]
    public void Find_ThousandsOfArtifacts_AllocatesInProportionToTheirNumber()
    {
        var requests = Enumerable.Range(0, 4000).Select(i => File($"d{i % 40}", $"f{i}.bin")(i)).ToList();
        var errors = new List<FetchDiagnostic>();
        var before = GC.GetAllocatedBytesForCurrentThread();

        CollisionCheck.Find(requests, errors);

        // Comparing every pair allocated two strings per pair: ~8 million of them here.
        Assert.That(errors, Is.Empty);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4000 * 1024));
    }

    private static List<FetchDiagnostic> Check(params Func<int, ArtifactRequest>[] requests)
    {
        var errors = new List<FetchDiagnostic>();
        CollisionCheck.Find(requests.Select((make, i) => make(i)).ToList(), errors);
        return errors;
    }

    /// <summary>Which two requests (by index) a message names, later first as reported.</summary>
    private static (int, int) Pair(FetchDiagnostic error)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(error.Message, @"https://example\.org/(\d+)/").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (numbers[0], numbers[1]);
    }

    private static Func<int, ArtifactRequest> File(params string[] path) => i => Request(i, path, extract: false);

    private static Func<int, ArtifactRequest> Tree(params string[] path) => i => Request(i, path, extract: true);

    private static ArtifactRequest Request(int index, string[] path, bool extract)
    {
        var url = $"https://example.org/{index}/{path[^1]}";
        return new ArtifactRequest
        {
            SourceUrl = url,
            Sources = [new Uri(url)],
            MaskedUrl = url,
            Digests = [],
            DestinationFolder = Path.Combine([Root, .. path[..^1]]),
            FileName = path[^1],
            Extract = extract,
        };
    }
}
