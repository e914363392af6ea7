namespace Fetch.Build.Core.Maintenance;

/// <summary>Content <c>cache verify</c> found wrong and removed: <see cref="ActualSha256"/> is what the file hashed to, null when it was missing.</summary>
internal sealed record CorruptContent(string? Url, string Sha256, long Size, DateTimeOffset LastUsed, string? ActualSha256);
