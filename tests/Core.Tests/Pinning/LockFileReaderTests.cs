using System.Text;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pinning;

public sealed class LockFileReaderTests
{
    private const string Path = "/repo/app/fetch.lock.json";
    private static readonly string ShaA = new('a', 64);
    private static readonly string ShaB = new('b', 64);

    [Test]
    public void Parse_WhatTheWriterWrites_ReadsBackTheSameEntries()
    {
        var written = new LockFile([new("https://example.org/b.bin", new LockEntry(ShaB, 0)), new("https://example.org/a.bin?token=***", new LockEntry(ShaA, 1234))]);

        var read = LockFileReader.Parse(Encoding.UTF8.GetBytes(LockFileWriter.Format(written)), Path);

        Assert.That(read.SameAs(written), Is.True);
        Assert.That(read.Find("https://example.org/a.bin?token=***"), Is.EqualTo(new LockEntry(ShaA, 1234)));
    }

    [Test]
    public void Parse_HandWrittenInAnyLayoutWithABom_ReadsTheEntries()
    {
        var text = "\uFEFF{\"artifacts\":{\"https://example.org/a.bin\":{\"size\":7,\"sha256\":\"" + ShaA + "\"}},\r\n\"version\":1}";

        var read = LockFileReader.Parse(Encoding.UTF8.GetBytes(text), Path);

        Assert.That(read.Find("https://example.org/a.bin"), Is.EqualTo(new LockEntry(ShaA, 7)));
    }

    [Test]
    public void Parse_MergeConflictMarkers_IsFB1015NamingTheFileAndTheLine()
    {
        var text = $$"""
            {
              "version": 1,
              "artifacts": {
            <<<<<<< HEAD
                "https://example.org/a.bin": { "sha256": "{{ShaA}}", "size": 1 }
            =======
                "https://example.org/a.bin": { "sha256": "{{ShaB}}", "size": 1 }
            >>>>>>> other
              }
            }
            """;

        var diagnostic = Malformed(text);

        Assert.That(diagnostic.Message, Does.Contain($"'{Path}', line 4: it is not valid JSON"));
    }

    [TestCase("{\n  \"version\": 2,\n  \"artifacts\": {}\n}\n", 2, "\"version\" is 2")]
    [TestCase("{\n  \"version\": \"1\",\n  \"artifacts\": {}\n}\n", 2, "\"version\" must be a whole number")]
    [TestCase("{\n  \"artifacts\": {}\n}\n", 3, "\"version\": 1 is missing")]
    [TestCase("{\n  \"version\": 1\n}\n", 3, "\"artifacts\" is missing")]
    [TestCase("[]", 1, "one JSON object")]
    [TestCase("", 1, "not valid JSON")]
    [TestCase("{\n  \"version\": 1,\n  \"artifacts\": {},\n  \"comment\": \"x\"\n}\n", 4, "\"comment\" is not a property")]
    [TestCase("{\n  \"version\": 1,\n  \"artifacts\": {}\n}\n{}", 5, "not valid JSON")]
    public void Parse_WrongShape_IsFB1015AtTheLine(string text, int line, string what)
    {
        var diagnostic = Malformed(text);

        Assert.That(diagnostic.Message, Does.Contain($"line {line}: ").And.Contain(what));
    }

    [TestCase("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", \"size\": 1", "must be 64 lower-case hexadecimal")]
    [TestCase("\"abc\", \"size\": 1", "must be 64 lower-case hexadecimal")]
    [TestCase("\"" + "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg" + "\", \"size\": 1", "must be 64 lower-case hexadecimal")]
    [TestCase("null, \"size\": 1", "must be 64 lower-case hexadecimal")]
    public void Parse_DigestThatIsNot64LowerCaseHex_IsFB1015AtItsLineNamingTheUrl(string entry, string what)
    {
        var text = "{\n  \"version\": 1,\n  \"artifacts\": {\n    \"https://example.org/ok.bin\": { \"sha256\": \"" + ShaA + "\", \"size\": 1 },\n" +
            "    \"https://example.org/bad.bin\": {\n      \"sha256\": " + entry + " }\n  }\n}\n";

        var diagnostic = Malformed(text);

        Assert.That(diagnostic.Message, Does.Contain("line 6: the sha256 of 'https://example.org/bad.bin' " + what));
    }

    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("\"12\"")]
    public void Parse_SizeThatIsNotAWholeNumberOfBytes_IsFB1015(string size)
    {
        var text = "{\n  \"version\": 1,\n  \"artifacts\": {\n    \"https://example.org/a.bin\": { \"sha256\": \"" + ShaA + "\", \"size\": " + size + " }\n  }\n}\n";

        var diagnostic = Malformed(text);

        Assert.That(diagnostic.Message, Does.Contain("line 4: the size of 'https://example.org/a.bin' must be a whole number of bytes, 0 or more"));
    }

    [Test]
    public void Parse_UrlListedTwice_IsFB1015AtTheSecond()
    {
        var entry = "{ \"sha256\": \"" + ShaA + "\", \"size\": 1 }";
        var text = "{\n  \"version\": 1,\n  \"artifacts\": {\n    \"https://example.org/a.bin\": " + entry + ",\n    \"https://example.org/a.bin\": " + entry + "\n  }\n}\n";

        var diagnostic = Malformed(text);

        Assert.That(diagnostic.Message, Does.Contain("line 5: 'https://example.org/a.bin' is listed twice"));
    }

    [Test]
    public void Parse_EntryWithoutSize_IsFB1015AtItsUrl()
    {
        var text = "{\n  \"version\": 1,\n  \"artifacts\": {\n    \"https://example.org/a.bin\": { \"sha256\": \"" + ShaA + "\" }\n  }\n}\n";

        Assert.That(Malformed(text).Message, Does.Contain("line 4: the entry for 'https://example.org/a.bin' lacks \"size\""));
    }

    [Test]
    public void Read_NoFile_IsNull()
    {
        using var folder = new TempDirectory();

        Assert.That(LockFileReader.Read(folder.Combine("fetch.lock.json")), Is.Null);
    }

    private static FetchDiagnostic Malformed(string text)
    {
        var failure = Assert.Throws<FetchException>(() => LockFileReader.Parse(Encoding.UTF8.GetBytes(text), Path))!;
        Assert.That(failure.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.MalformedLockFileCode));
        Assert.That(failure.Diagnostic.Severity, Is.EqualTo(FetchSeverity.Error));
        return failure.Diagnostic;
    }
}
