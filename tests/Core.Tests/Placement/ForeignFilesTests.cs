using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Placement;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Placement;

public sealed class ForeignFilesTests
{
    private TempDirectory _root = null!;
    private string _destination = null!;
    private string _fresh = null!;

    [SetUp]
    public void SetUp()
    {
        _root = new TempDirectory();
        _destination = Directory.CreateDirectory(_root.Combine("dest", "sub")).Parent!.FullName;
        _fresh = Directory.CreateDirectory(_root.Combine("fresh", "sub")).Parent!.FullName;
        foreach (var folder in new[] { _destination, _fresh })
        {
            File.WriteAllBytes(Path.Combine(folder, "sub", "a.bin"), TestData.Bytes(200_000, seed: 1));
        }
    }

    [TearDown]
    public void TearDown() => _root.Dispose();

    [Test]
    public void FindFirst_EveryFileAsTheFreshTreeHasIt_IsNull() =>
        Assert.That(ForeignFiles.FindFirst(_destination, null, _fresh), Is.Null);

    [Test]
    public void FindFirst_SameLengthOtherBytesPastTheFirstChunk_NamesIt()
    {
        var bytes = TestData.Bytes(200_000, seed: 1);
        bytes[150_000] ^= 1;
        File.WriteAllBytes(Path.Combine(_destination, "sub", "a.bin"), bytes);

        Assert.That(ForeignFiles.FindFirst(_destination, null, _fresh), Is.EqualTo(Path.Combine(_destination, "sub", "a.bin")));
    }

    [Test]
    public void FindFirst_FileTheFreshTreeLacks_NamesIt()
    {
        File.WriteAllText(Path.Combine(_destination, "notes.txt"), "mine");

        Assert.That(ForeignFiles.FindFirst(_destination, null, _fresh), Is.EqualTo(Path.Combine(_destination, "notes.txt")));
    }

    [Test]
    public void FindFirst_FileTheEarlierPlacementListed_IsOursWhateverItHolds()
    {
        File.WriteAllText(Path.Combine(_destination, "sub", "a.bin"), "edited");

        Assert.That(ForeignFiles.FindFirst(_destination, [new ExtractedFile("sub/a.bin", 200_000)], _fresh), Is.Null);
    }
}
