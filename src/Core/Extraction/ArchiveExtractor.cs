using System.Runtime.ExceptionServices;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction.Tar;

namespace Fetch.Build.Core.Extraction;

/// <summary>Unpacks an archive into an empty folder, refusing anything unsafe.</summary>
internal static class ArchiveExtractor
{
    /// <summary>
    /// Extracts <paramref name="archivePath"/> into <paramref name="targetDirectory"/>, which exists
    /// and is empty. The format comes from the content, never from the name;
    /// <paramref name="originalFileName"/> only names the output of a single compressed file.
    /// Throws <see cref="FetchException"/> with FB1004, FB1008 or FB1010; on a throw the caller
    /// deletes the target folder. Returns the regular files written, sorted by path.
    /// </summary>
    public static IReadOnlyList<ExtractedFile> Extract(
        string archivePath,
        string targetDirectory,
        string originalFileName,
        ExtractionOptions options,
        string maskedUrl,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The caller's contract, checked because a link already in the folder would redirect writes.
        if (new DirectoryInfo(targetDirectory).LinkTarget is not null || Directory.EnumerateFileSystemEntries(targetDirectory).Any())
        {
            throw new ArgumentException($"'{targetDirectory}' must be an empty folder, not a link", nameof(targetDirectory));
        }

        // Not opening the archive is the cache's problem, not the archive's: let it out as it is.
        using var source = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Attempt(source, targetDirectory, originalFileName, options, maskedUrl, native: true, cancellationToken);
        }
        catch (FetchException ex) when (ex.Diagnostic.Code == DiagnosticCatalog.UnreadableArchiveCode && ex.InnerException is not null)
        {
            // The zlib paths refuse what they cannot prove whole (gzip) or what the BCL reads
            // otherwise than SharpCompress (zip: a lying size); the exact path has the last word.
            if (!TriedNative(source))
            {
                throw;
            }

            EmptyFolder(targetDirectory);
            source.Position = 0;
            return Attempt(source, targetDirectory, originalFileName, options, maskedUrl, native: false, cancellationToken);
        }
    }

    /// <param name="native">Whether gzip and zip may be read through the runtime's zlib.</param>
    private static IReadOnlyList<ExtractedFile> Attempt(FileStream source, string targetDirectory, string originalFileName, ExtractionOptions options, string maskedUrl, bool native, CancellationToken cancellationToken)
    {
        var writer = new TreeWriter(targetDirectory, options, maskedUrl, cancellationToken);
        try
        {
            ExtractContent(source, originalFileName, writer, native);
            return writer.Complete();
        }
        catch (TargetWriteException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        catch (Exception ex) when (ex is not FetchException and not OperationCanceledException)
        {
            // Whatever reading the archive throws (SharpCompress, our tar reader, the
            // decompressors, a truncated file) means the same thing to the user.
            throw new FetchException(DiagnosticCatalog.UnreadableArchive(maskedUrl, Reason(ex)), ex);
        }
    }

    /// <summary>Whether the first attempt went through zlib: always for gzip, for zip when the choice allowed it.</summary>
    private static bool TriedNative(FileStream source) => Detect(source) switch
    {
        ArchiveFormat.GZip => true,
        ArchiveFormat.Zip => ZipReaderChoice.Choose(source) == ZipReader.Native,
        _ => false,
    };

    /// <summary>
    /// The format the first bytes say; failing that, a zip found from its end, as every zip reader
    /// finds it: a self-extractor or a padded zip starts with other bytes.
    /// </summary>
    private static ArchiveFormat Detect(FileStream source)
    {
        Span<byte> head = stackalloc byte[FormatDetector.TarBlockSize];
        var length = RandomAccess.Read(source.SafeFileHandle, head, 0);
        var format = FormatDetector.Detect(head[..length]);
        return format == ArchiveFormat.Unknown && ZipCentralDirectory.Read(source) is not null ? ArchiveFormat.Zip : format;
    }

    /// <summary>Removes what a refused attempt wrote, without following links.</summary>
    private static void EmptyFolder(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static void ExtractContent(FileStream source, string originalFileName, TreeWriter writer, bool native)
    {
        var format = Detect(source);
        switch (format)
        {
            case ArchiveFormat.Zip:
                ZipEntries.ExtractTo(source, writer, native);
                break;
            case ArchiveFormat.SevenZip:
                SevenZipEntries.ExtractTo(source, writer);
                break;
            case ArchiveFormat.Tar:
                TarEntries.ExtractTo(source, writer);
                break;
            case ArchiveFormat.Unknown:
                throw new InvalidDataException("it is not a zip, tar, 7z, gzip, bzip2, xz or zstd file");
            default:
                ExtractCompressed(format, source, originalFileName, writer, native);
                break;
        }
    }

    /// <summary>A compressed tar, or a single compressed file: the decompressed content decides which.</summary>
    private static void ExtractCompressed(ArchiveFormat format, FileStream source, string originalFileName, TreeWriter writer, bool native)
    {
        using var decompressed = Decompressors.Open(format, source, fastGzip: native);
        var head = new byte[FormatDetector.TarBlockSize];
        var length = decompressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        using var content = new PrefixedStream(head.AsMemory(0, length), decompressed);
        if (FormatDetector.LooksLikeTar(head.AsSpan(0, length)))
        {
            TarEntries.ExtractTo(content, writer);
        }
        else
        {
            writer.Add(new ArchiveEntry(SingleFileName(originalFileName), EntryKind.File), content, strip: false);
        }
    }

    /// <summary>"data.csv.gz" unpacks to "data.csv"; a name without a compression extension is kept.</summary>
    private static string SingleFileName(string originalFileName)
    {
        string[] extensions = [".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd"];
        foreach (var extension in extensions)
        {
            if (originalFileName.Length > extension.Length && originalFileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return originalFileName[..^extension.Length];
            }
        }

        return originalFileName;
    }

    private static string Reason(Exception ex) => ex switch
    {
        OutOfMemoryException => "its headers ask for more memory than is available; it is corrupt or hostile",
        EndOfStreamException => "it is truncated",
        // SharpCompress's words for a method it lacks (7z with Deflate64) are the runtime's own.
        NotSupportedException => "it uses a compression method or feature that is not supported",
        _ => ex.Message,
    };
}
