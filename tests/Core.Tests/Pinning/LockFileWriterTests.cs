using System.Text;
using Fetch.Build.Core.Pinning;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pinning;

public sealed class LockFileWriterTests
{
    private static readonly string ShaA = new('a', 64);
    private static readonly string ShaB = new('b', 64);

    [Test]
    public void Format_IsVersionFirstUrlsSortedOrdinallyOneLineEachTwoSpacesLfAndATrailingNewline()
    {
        var lockFile = new LockFile(
        [
            new("https://example.org/b.bin", new LockEntry(ShaB, 20)),
            new("https://Example.org/a.bin", new LockEntry(ShaA, 1)),
            new("https://example.org/Z.bin", new LockEntry(ShaB, 2)),
            new("file:data/x.bin", new LockEntry(ShaA, 3)),
        ]);

        var text = LockFileWriter.Format(lockFile);

        Assert.That(text, Is.EqualTo(
            "{\n" +
            "  \"version\": 1,\n" +
            "  \"artifacts\": {\n" +
            $"    \"file:data/x.bin\": {{ \"sha256\": \"{ShaA}\", \"size\": 3 }},\n" +
            $"    \"https://Example.org/a.bin\": {{ \"sha256\": \"{ShaA}\", \"size\": 1 }},\n" +
            $"    \"https://example.org/Z.bin\": {{ \"sha256\": \"{ShaB}\", \"size\": 2 }},\n" +
            $"    \"https://example.org/b.bin\": {{ \"sha256\": \"{ShaB}\", \"size\": 20 }}\n" +
            "  }\n" +
            "}\n"));
    }

    [Test]
    public void Format_NoEntries_IsAnEmptyObject()
    {
        Assert.That(LockFileWriter.Format(LockFile.Empty), Is.EqualTo("{\n  \"version\": 1,\n  \"artifacts\": {}\n}\n"));
    }

    [Test]
    public void Format_KeyWithQuoteBackslashOrControlCharacter_IsEscapedAndReadsBack()
    {
        var key = "file:odd \"name\\\t.bin";
        var lockFile = new LockFile([new(key, new LockEntry(ShaA, 1))]);

        var text = LockFileWriter.Format(lockFile);

        Assert.That(text, Does.Contain("\"file:odd \\\"name\\\\\\u0009.bin\""));
        Assert.That(LockFileReader.Parse(Encoding.UTF8.GetBytes(text), "x").Find(key), Is.Not.Null);
    }

    [Test]
    public void Write_ReplacesTheFileWholeAsUtf8WithoutBom_AndLeavesNoTempFile()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("fetch.lock.json");
        File.WriteAllText(path, "old");
        var lockFile = new LockFile([new("https://example.org/café.bin", new LockEntry(ShaA, 1))]);

        LockFileWriter.Write(path, lockFile);

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new UTF8Encoding(false).GetBytes(LockFileWriter.Format(lockFile))));
        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "fetch.lock.json" }));
    }
}
