using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Mutated fixtures, with a fixed seed so a failure replays: whatever the bytes, extraction
/// succeeds or throws FB1004, FB1008 or FB1010, never another exception, and never writes
/// outside its target. Every fixture holds files, and a few flipped, inserted or cut bytes cannot
/// make a well-formed empty archive of one: a success that writes nothing lost them unnoticed.
/// </summary>
public sealed class ArchiveExtractorFuzzTests
{
    private const int Seed = 20240102;
    private const int CasesPerFixture = 64;

    private static readonly string[] Fixtures =
    [
        "sample.tar", "sample.tar.gz", "sample.tar.bz2", "sample.tar.xz", "sample.tar.zst", "sample.zip", "sample.7z",
        "links.tar.gz", "links.zip", "links.7z", "notes.txt.gz", "notes.txt.bz2", "notes.txt.xz", "notes.txt.zst", "stored.7z",
        "sample.tar.gz+sample.zip",
        // Appended, so the fixtures above keep their seeds.
        "sample-bzip2.zip", "sample-lzma.zip", "sample-deflate64.zip",
    ];

    private static readonly string[] ExpectedCodes =
    [
        DiagnosticCatalog.UnsafeArchiveEntryCode,
        DiagnosticCatalog.UnreadableArchiveCode,
        DiagnosticCatalog.ArchiveTooLargeCode,
    ];

    // A hang in a decoder would otherwise hang the test run; this turns it into a failure.
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(20);

    [TestCaseSource(nameof(Fixtures))]
    public void Extract_MutatedFixture_SucceedsOrFailsWithAnArchiveCode(string fixture)
    {
        var original = fixture.Split('+').SelectMany(name => File.ReadAllBytes(ExtractionSandbox.Fixture(name))).ToArray();
        var random = new Random(Seed + Array.IndexOf(Fixtures, fixture));
        using var inputs = new TempDirectory("fetch-fuzz-in");
        using var parent = new TempDirectory("fetch-fuzz");
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < CasesPerFixture; i++)
        {
            var (bytes, mutation) = Mutate(original, random);
            var archive = inputs.Combine($"case-{i}.bin");
            File.WriteAllBytes(archive, bytes);
            var target = Directory.CreateDirectory(parent.Combine($"dest-{i}")).FullName;

            var outcome = Run(archive, target);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (outcome != "ok" && !ExpectedCodes.Contains(outcome))
            {
                failures.Add($"case {i} ({mutation}): {outcome}");
            }

            var strangers = Directory.EnumerateFileSystemEntries(parent.Path).Where(path => path != target).ToList();
            if (strangers.Count > 0)
            {
                failures.Add($"case {i} ({mutation}): wrote outside its target: {string.Join(", ", strangers)}");
            }

            Directory.Delete(target, recursive: true);
        }

        TestContext.Out.WriteLine($"{fixture}: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} x{o.Value}"))}");
        Assert.That(failures, Is.Empty);
    }

    private static string Run(string archive, string target)
    {
        var options = new ExtractionOptions(StripComponents: 0, MaxExtractedBytes: 4L << 20, MaxEntries: 500);
        var extraction = Task.Run(() => ArchiveExtractor.Extract(archive, target, "fuzz.bin", options, ExtractionSandbox.MaskedUrl, CancellationToken.None));
        try
        {
            if (!extraction.Wait(PerCase))
            {
                return "no answer within " + PerCase;
            }

            return Directory.EnumerateFileSystemEntries(target).Any() ? "ok" : "ok, but wrote nothing";
        }
        catch (AggregateException ex) when (ex.InnerException is FetchException fetch)
        {
            return fetch.Diagnostic.Code;
        }
        catch (AggregateException ex)
        {
            return ex.InnerException!.ToString();
        }
    }

    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var steps = new List<string>();
        var count = random.Next(1, 4);
        for (var step = 0; step < count && bytes.Count > 0; step++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    var bit = random.Next(8);
                    bytes[at] ^= (byte)(1 << bit);
                    steps.Add($"flip bit {bit} at {at}");
                    break;
                case 1:
                    var value = (byte)random.Next(256);
                    bytes[at] = value;
                    steps.Add($"set {at} to {value}");
                    break;
                case 2:
                    var inserted = new byte[random.Next(1, 17)];
                    random.NextBytes(inserted);
                    bytes.InsertRange(at, inserted);
                    steps.Add($"insert {inserted.Length} at {at}");
                    break;
                case 3:
                    var length = Math.Min(random.Next(1, 65), bytes.Count - at);
                    bytes.RemoveRange(at, length);
                    steps.Add($"delete {length} at {at}");
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    steps.Add($"truncate at {at}");
                    break;
            }
        }

        return (bytes.ToArray(), string.Join("; ", steps));
    }
}
