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
    public const string CredentialInUrlCode = "FB1018";

    // The lock file (SPEC §7); FB1015 is also the rewrite file's (SPEC §9): a file Fetch.Build reads, at fault with its line.
    public const string LockedModeMismatchCode = "FB1014";
    public const string MalformedLockFileCode = "FB1015";
    public const string MalformedRewriteFileCode = "FB1015";
    public const string RemoteStoreFailedCode = "FB1016";
    public const string BlockedHostCode = "FB1017";
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

    /// <param name="unpublished">Why the hosts that own the artifact published none ("the GitHub release lists no digest for 'x.zip'"), when one was asked.</param>
    /// <param name="suggestLockFile">True when the project uses no lock file: the message says it could record the digest instead.</param>
    public static FetchDiagnostic MissingDigest(string url, string actualSha256, bool required, string? unpublished = null, bool suggestLockFile = false) =>
        new(MissingDigestCode, required ? FetchSeverity.Error : FetchSeverity.Warning,
            $"{url}: no digest is declared" + (unpublished is null ? string.Empty : $" and none was published ({unpublished})") +
            ", so the content cannot be verified" +
            (required ? " and FetchRequireHash is true" : string.Empty) +
            $". Its SHA-256 is {actualSha256}; to pin it, add Sha256=\"{actualSha256}\" to the DownloadArtifact item" +
            (suggestLockFile ? ", or set FetchUseLockFile to true to have digests recorded in a lock file." : "."));

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

    /// <param name="what">What is wrong, naming the property: "FetchRetryCount must be a whole number from 0 to 100, got 'five'".</param>
    public static FetchDiagnostic InvalidSetting(string what) =>
        Error(InvalidMetadataCode, what);

    /// <summary>FB1006 for a netrc file that cannot be used: the file and the line, never a word of it (any may be a secret).</summary>
    public static FetchDiagnostic InvalidNetrc(string url, string path, string reason) =>
        Error(InvalidMetadataCode,
            $"{url}: the netrc file '{path}' cannot be used: {reason}. Nothing was requested. Fix the file, " +
            "or set NETRC to another one (netrc entries are machine HOST login USER password SECRET).");

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

    /// <param name="what">What looks like a credential: "user-info", "the query parameter 'sig'".</param>
    public static FetchDiagnostic CredentialInUrl(string url, string what) =>
        Warning(CredentialInUrlCode,
            $"{url}: the URL carries {what}, which looks like a credential. Fetch.Build masks it in its own messages, " +
            "but MSBuild logs item specs and metadata as written (-v:diag, binary logs). Move the secret out of the URL: " +
            "BearerTokenVariable (a token from an environment variable), Headers (with a value from a property you set from the environment), " +
            "or a netrc entry for the host.");

    public static FetchDiagnostic MisspelledMetadata(string url, string written, string meant) =>
        Warning(MisspelledMetadataCode,
            $"{url}: the DownloadArtifact metadata '{written}' is not one Fetch.Build knows, so it does nothing. " +
            $"Did you mean '{meant}'? Rename it, or remove it if it is for something else.");

    /// <param name="offenders">Every artifact locked mode refuses, each with its reason, masked.</param>
    public static FetchDiagnostic LockedModeMismatch(string lockFile, bool exists, IReadOnlyList<string> offenders) =>
        Error(LockedModeMismatchCode,
            $"locked mode is on (FetchLockedMode / FETCH_BUILD_LOCKED_MODE) and the lock file '{lockFile}' " +
            (exists ? "does not pin every artifact as the items say" : "does not exist") +
            $": {string.Join("; ", offenders)}. Nothing was fetched and the lock file was left as it is. " +
            "Build once without locked mode to record the artifacts, review the lock file's change and commit it.");

    /// <param name="changes">Each entry that would change, masked.</param>
    public static FetchDiagnostic LockedModeWouldChange(string lockFile, IReadOnlyList<string> changes) =>
        Error(LockedModeMismatchCode,
            $"locked mode is on (FetchLockedMode / FETCH_BUILD_LOCKED_MODE) and this build would change the lock file '{lockFile}': " +
            $"{string.Join("; ", changes)}. The lock file was left as it is. " +
            "Build once without locked mode to update it, review the change and commit it.");

    public static FetchDiagnostic MalformedLockFile(string lockFile, long line, string what) =>
        Error(MalformedLockFileCode,
            $"the lock file '{lockFile}', line {line}: {what}. Nothing was fetched. Correct that line (after a merge, keep both " +
            "sides' entries and remove the conflict markers), or restore the file from version control; deleting it records every artifact again.");

    public static FetchDiagnostic LockFileUnusable(string lockFile, string reason) =>
        Error(CacheUnusableCode,
            $"the lock file '{lockFile}' could not be read or written: {reason} Check the permissions of the file and its folder, " +
            "or set FetchLockFilePath to another path.");
    // URL rewrites (SPEC §9). The file and line stand in for an artifact: the file is at fault, for every artifact.
    public static FetchDiagnostic UnreadableRewriteFile(string file, string reason) =>
        Error(MalformedRewriteFileCode,
            $"the URL-rewrite file '{file}' (FetchUrlRewriteFile / FETCH_BUILD_URL_REWRITES) cannot be read: {reason} Nothing was requested. " +
            "Fix the path, or unset the property or variable.");

    /// <param name="expected">What the line should have been, as a phrase: "a regular expression and a replacement".</param>
    /// <param name="found">The offending text, masked.</param>
    public static FetchDiagnostic MalformedRewriteRule(string file, int line, string expected, string found) =>
        Error(MalformedRewriteFileCode,
            $"{file}({line}): expected {expected}; found '{found}'. Nothing was requested. " +
            "Lines are 'rewrite <regex> <replacement>', 'block <host>', 'allow <host>', or a comment starting with '#'.");

    public static FetchDiagnostic RewriteMadeNoUrl(string url, string file, int line, string result) =>
        Error(MalformedRewriteFileCode,
            $"{url}: the rewrite rule at {file}({line}) turned it into '{result}', which is not an absolute https://, http:// or file:// URL. " +
            "Nothing was requested. Fix the rule's replacement.");

    /// <param name="rule">The rule that refused it: "block example.com at rewrites.txt(3)", "no allow line names it (rewrites.txt allows mirror.internal)".</param>
    public static FetchDiagnostic BlockedHost(string url, string host, string rule) =>
        Error(BlockedHostCode,
            $"{url}: the host '{host}' is refused by the URL-rewrite rules ({rule}), and the artifact has no other URL. Nothing was requested. " +
            "Use a URL the rules allow (or rewrite it to one), or ask whoever maintains the rewrite file.");

    // The remote content store (SPEC §9): a warning, always: the origin is used instead.
    public static FetchDiagnostic RemoteStoreFailed(string url, string storeUrl, string reason) =>
        Warning(RemoteStoreFailedCode,
            $"{url}: the remote content store failed at {storeUrl}: {reason}. The content is fetched from its origin instead. " +
            "Check the store (FetchRemoteCache / FETCH_BUILD_REMOTE_CACHE) and its token (FetchRemoteCacheTokenVariable).");

    public static FetchDiagnostic RemoteStoreUnreachable(string url, string storeUrl, string reason) =>
        Warning(RemoteStoreFailedCode,
            $"{url}: the remote content store cannot be reached at {storeUrl}: {reason}. This build does not ask it again and fetches " +
            "every artifact from its origin. Check FetchRemoteCache / FETCH_BUILD_REMOTE_CACHE and that the store is up.");

    public static FetchDiagnostic RemoteStoreWrongContent(string url, string storeUrl, string expected, string actual) =>
        Warning(RemoteStoreFailedCode,
            $"{url}: the remote content store served wrong content at {storeUrl}: its SHA-256 is {actual}, not {expected}. " +
            "It was discarded and the content is fetched from its origin instead. Delete that blob from the store.");

    public static FetchDiagnostic RemoteStoreUploadFailed(string url, string storeUrl, string reason) =>
        Warning(RemoteStoreFailedCode,
            $"{url}: uploading to the remote content store failed at {storeUrl}: {reason}. The build goes on; the store stays without it. " +
            "Check that the store accepts PUT, and its token (FetchRemoteCacheTokenVariable).");

    private static FetchDiagnostic Error(string code, string message) => new(code, FetchSeverity.Error, message);

    private static FetchDiagnostic Warning(string code, string message) => new(code, FetchSeverity.Warning, message);
}
