namespace Fetch.Build.Core.Diagnostics;

/// <summary>
/// Every code Fetch.Build reports, with its message. The same list, with causes and fixes, is
/// docs/errors.md. Callers pass URLs already masked (see <see cref="Http.UrlMasker"/>).
/// </summary>
internal static class DiagnosticCatalog
{
    public const string DigestMismatchCode = "FB1001";
    public const string DownloadFailedCode = "FB1002";
    public const string OfflineMissCode = "FB1003";
    public const string UnsafeArchiveEntryCode = "FB1004";
    public const string MissingDigestCode = "FB1005";
    public const string InvalidMetadataCode = "FB1006";
    public const string CacheUnusableCode = "FB1007";
    public const string UnreadableArchiveCode = "FB1008";
    public const string CorruptCacheEntryCode = "FB1009";
    public const string ArchiveTooLargeCode = "FB1010";
    public const string DestinationCollisionCode = "FB1011";
    public const string ForeignFileCode = "FB1012";
    public const string MisspelledMetadataCode = "FB1019";
    private const string SentWebPage = "sent a web page";

    /// <param name="origin">Where the expected digest came from, completing "the SHA-256 …": "declared on the item", "the Zenodo record lists".</param>
    public static FetchDiagnostic DigestMismatch(string url, string algorithm, string origin, string expected, string actual) =>
        Error(DigestMismatchCode,
            $"{url}: the downloaded content does not match the {algorithm} {origin}. Expected {expected}, got {actual}. " +
            "Nothing was kept. The file may have changed on the server, or the expected digest is wrong.");

    public static FetchDiagnostic DownloadFailed(string url, string reason) =>
        Error(DownloadFailedCode, $"{url}: download failed: {reason}");

    public static FetchDiagnostic OfflineMiss(string url) =>
        Error(OfflineMissCode,
            $"{url}: offline mode is on (FetchOffline / FETCH_BUILD_OFFLINE) and the content is not in the cache. " +
            "Build once with network access, or restore the cache folder.");

    public static FetchDiagnostic UnsafeArchiveEntry(string url, string entry, string reason) =>
        Error(UnsafeArchiveEntryCode,
            $"{url}: archive entry '{entry}' is unsafe ({reason}). Nothing of this archive was placed.");

    public static FetchDiagnostic MissingDigest(string url, string actualSha256, bool required) =>
        new(MissingDigestCode, required ? FetchSeverity.Error : FetchSeverity.Warning,
            $"{url}: no digest is declared, so the content cannot be verified" +
            (required ? " and FetchRequireHash is true" : string.Empty) +
            $". Its SHA-256 is {actualSha256}; to pin it, add Sha256=\"{actualSha256}\" to the DownloadArtifact item.");

    /// <summary>FB1005 for an unpinned artifact the server answered with a web page: no digest to paste, a likely cause instead.</summary>
    public static FetchDiagnostic MissingDigestWebPage(string url, string fileName, bool required) =>
        new(MissingDigestCode, required ? FetchSeverity.Error : FetchSeverity.Warning,
            $"{url}: no digest is declared, and the server {SentWebPage} (text/html) for '{fileName}', not the file: " +
            "probably a login wall, an error page or a download portal" +
            (required ? ", and FetchRequireHash is true" : "; it was placed but not cached, so the next build asks the server again") +
            ". Check the URL and its credentials; do not pin this content.");

    /// <summary>True for the FB1005 that says the server answered with a web page: content nobody should pin.</summary>
    public static bool IsWebPage(FetchDiagnostic diagnostic) =>
        diagnostic.Code == MissingDigestCode && diagnostic.Message.Contains(SentWebPage, StringComparison.Ordinal);

    public static FetchDiagnostic InvalidMetadata(string url, string what) =>
        Error(InvalidMetadataCode, $"{url}: {what}");

    public static FetchDiagnostic CacheUnusable(string url, string cacheFolder, string reason) =>
        Error(CacheUnusableCode,
            $"{url}: a file could not be read or written: {reason} Check free space and permissions of the cache folder " +
            $"'{cacheFolder}' and of the destination, or set FetchCacheDirectory to another folder.");

    public static FetchDiagnostic DestinationUnwritable(string url, string destination, string reason) =>
        Error(CacheUnusableCode,
            $"{url}: '{destination}' could not be written: {reason} Check free space and permissions there, " +
            "or choose another DestinationFolder.");

    public static FetchDiagnostic RegistryTooNew(string path, long found, int known) =>
        Error(CacheUnusableCode,
            $"the cache: the registry '{path}' has schema version {found}, newer than the {known} this Fetch.Build knows; " +
            $"a newer Fetch.Build wrote it where this version keeps its own. It was left as it is and nothing was written to the cache. " +
            "Update Fetch.Build in this project, or set FetchCacheDirectory to another folder.");

    public static FetchDiagnostic UnreadableArchive(string url, string reason) =>
        Error(UnreadableArchiveCode, $"{url}: the archive cannot be read: {reason}");

    public static FetchDiagnostic CorruptCacheEntry(string url, string path) =>
        Warning(CorruptCacheEntryCode,
            $"{url}: the cached copy at '{path}' was missing or did not match its recorded digest; it was dropped and fetched again.");

    public static FetchDiagnostic ChangedCachedTree(string url, string path) =>
        Warning(CorruptCacheEntryCode,
            $"{url}: the cached tree's file '{path}' was missing or changed after extraction (a write through a hard link?); the tree was extracted again from the archive.");

    public static FetchDiagnostic ArchiveTooLarge(string url, long limit) =>
        Error(ArchiveTooLargeCode,
            $"{url}: the archive unpacks to more than {limit} bytes (FetchMaxExtractedBytes). " +
            "Raise FetchMaxExtractedBytes if the archive is trusted.");

    public static FetchDiagnostic TooManyEntries(string url, int limit) =>
        Error(ArchiveTooLargeCode,
            $"{url}: the archive has more than {limit} entries; it was not extracted. An archive this large is more likely a bomb than a dataset.");

    public static FetchDiagnostic DestinationCollision(string url, string otherUrl, string path) =>
        Error(DestinationCollisionCode,
            $"{url}: writes '{path}', which {otherUrl} also writes. Give one of them another DestinationFolder or DestinationFileName.");

    public static FetchDiagnostic ForeignFile(string url, string path) =>
        Error(ForeignFileCode,
            $"{url}: '{path}' already exists, was not placed by Fetch.Build and has other content; it was not overwritten. " +
            "Move or delete it, or choose another DestinationFolder.");

    public static FetchDiagnostic LinkedFolder(string url, string folder, string destination) =>
        Error(ForeignFileCode,
            $"{url}: '{folder}', on the way to '{destination}', is a symbolic link or junction that Fetch.Build did not create; " +
            "nothing is written through it, so that no file at its target is overwritten. " +
            "Replace the link with a folder, or set DestinationFolder to a path that is not reached through a link.");

    public static FetchDiagnostic MisspelledMetadata(string url, string written, string meant) =>
        Warning(MisspelledMetadataCode,
            $"{url}: the DownloadArtifact metadata '{written}' is not one Fetch.Build knows, so it does nothing. " +
            $"Did you mean '{meant}'? Rename it, or remove it if it is for something else.");

    private static FetchDiagnostic Error(string code, string message) => new(code, FetchSeverity.Error, message);

    private static FetchDiagnostic Warning(string code, string message) => new(code, FetchSeverity.Warning, message);
}
