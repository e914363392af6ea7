using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// A target folder ("dest") alone inside a temp folder, and a separate folder for the archives,
/// so anything an extraction writes outside its target shows up as a stranger beside "dest".
/// </summary>
internal sealed class ExtractionSandbox : IDisposable
{
    public const string MaskedUrl = "https://example.test/archive";

    private readonly TempDirectory _parent = new("fetch-extract");
    private readonly TempDirectory _inputs = new("fetch-archives");
    private int _archives;

    public ExtractionSandbox()
    {
        Directory.CreateDirectory(Target);
    }

    public string Parent => _parent.Path;

    public string Target => _parent.Combine("dest");

    public static string Fixture(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Archives", name);

    public static ExtractionOptions Options(int strip = 0, long maxBytes = 64L << 20, int maxEntries = 10_000) =>
        new(strip, maxBytes, maxEntries);

    public string Save(byte[] bytes)
    {
        var path = _inputs.Combine($"archive-{++_archives}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public IReadOnlyList<ExtractedFile> Extract(string archivePath, string originalFileName = "archive.bin", ExtractionOptions? options = null, CancellationToken cancellationToken = default) =>
        ArchiveExtractor.Extract(archivePath, Target, originalFileName, options ?? Options(), MaskedUrl, cancellationToken);

    public IReadOnlyList<ExtractedFile> Extract(byte[] archive, ExtractionOptions? options = null) => Extract(Save(archive), options: options);

    /// <summary>Extracts and returns the code of the <see cref="FetchException"/> it must throw.</summary>
    public string Refuse(byte[] archive, ExtractionOptions? options = null) => Refuse(Save(archive), options);

    public string Refuse(string archivePath, ExtractionOptions? options = null)
    {
        var exception = Assert.Throws<FetchException>(() => Extract(archivePath, options: options))!;
        return exception.Diagnostic.Code;
    }

    /// <summary>Everything beside the target, plus any path given (absolute names an archive tried).</summary>
    public IReadOnlyList<string> Strangers(params string[] alsoCheck) =>
        Directory.EnumerateFileSystemEntries(Parent, "*", SearchOption.AllDirectories)
            .Where(path => !IsInside(path, Target))
            .Concat(alsoCheck.Where(path => File.Exists(path) || Directory.Exists(path)))
            .ToList();

    public string PathOf(string relative) => Path.Combine(Target, relative);

    public void Dispose()
    {
        _parent.Dispose();
        _inputs.Dispose();
    }

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
