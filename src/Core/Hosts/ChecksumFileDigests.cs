using System.Collections.Concurrent;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// The item's <c>ChecksumUrl</c>: a <c>SHA256SUMS</c>-style file (or one holding a single digest)
/// whose line for the artifact's file name — the last segment of its URL, decoded — gives the
/// expected digest. Each checksum file is read once per build however many artifacts name it.
/// </summary>
internal sealed class ChecksumFileDigests : IDigestSource
{
    /// <summary>A checksum file is small; a larger answer is not one.</summary>
    private const long MaxBytes = 16L * 1024 * 1024;

    private readonly Func<ApiClient> _api;
    private readonly CredentialResolver _credentials;
    private readonly ConcurrentDictionary<string, Lazy<Task<LookupResult<ChecksumList>>>> _files = new(StringComparer.Ordinal);

    public ChecksumFileDigests(Func<ApiClient> api, CredentialResolver credentials)
    {
        _api = api;
        _credentials = credentials;
    }

    public bool IsRemote => true;

    /// <summary>Completes "the SHA-256 …" in FB1001.</summary>
    public static string OriginOf(Uri checksumUrl) => $"the checksum file '{UrlMasker.Mask(checksumUrl)}' lists";

    public async Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (request.ChecksumUrl is not { } url)
        {
            return null;
        }

        var file = await _files.GetOrAdd(url.AbsoluteUri, _ => new Lazy<Task<LookupResult<ChecksumList>>>(() => LoadAsync(request, url, cancellationToken))).Value.ConfigureAwait(false);
        if (file.Value is not { } list)
        {
            throw new DigestLookupException($"the checksum file '{UrlMasker.Mask(url)}' could not be read: {file.Failure}");
        }

        var name = Uri.UnescapeDataString(request.Url.Segments.Length == 0 ? string.Empty : request.Url.Segments[^1]);
        return list.Find(name) is { } digest
            ? new PinnedDigests([digest], OriginOf(url))
            : throw new DigestLookupException($"the checksum file '{UrlMasker.Mask(url)}' lists no digest for '{name}'");
    }

    private async Task<LookupResult<ChecksumList>> LoadAsync(ArtifactRequest request, Uri url, CancellationToken cancellationToken)
    {
        if (url.IsFile)
        {
            return ReadLocal(url.LocalPath);
        }

        // The artifact's credentials: its own grants reach the checksum file only on the Include URL's origin.
        var text = await _api().GetTextAsync(url, _credentials.For(request), cancellationToken).ConfigureAwait(false);
        return text.Value is null ? new LookupResult<ChecksumList>(null, text.Failure) : new LookupResult<ChecksumList>(ChecksumList.Parse(text.Value), null);
    }

    private static LookupResult<ChecksumList> ReadLocal(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new LookupResult<ChecksumList>(null, $"the file '{path}' does not exist");
            }

            return info.Length > MaxBytes
                ? new LookupResult<ChecksumList>(null, $"the file is larger than {MaxBytes} bytes")
                : new LookupResult<ChecksumList>(ChecksumList.Parse(File.ReadAllText(path)), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LookupResult<ChecksumList>(null, ex.Message);
        }
    }
}
