namespace Fetch.Build.Core.Http;

/// <summary>
/// A finished download: where it came from, its length, how many bytes this call transferred, the
/// server's validators and the media type it declared (null when it declared none, or for a file).
/// </summary>
internal sealed record DownloadResult(Uri Source, long Length, long TransferredBytes, string? ETag, string? LastModified, string? MediaType = null);
