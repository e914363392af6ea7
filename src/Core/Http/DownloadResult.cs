namespace Fetch.Build.Core.Http;

/// <summary>A finished download: where it came from, its length, and how many bytes this call transferred.</summary>
internal sealed record DownloadResult(Uri Source, long Length, long TransferredBytes, string? ETag, string? LastModified);
