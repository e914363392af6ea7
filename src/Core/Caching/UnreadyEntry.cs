namespace Fetch.Build.Core.Caching;

/// <summary>A URL row without ready content.</summary>
internal sealed record UnreadyEntry(string UrlKey, string MaskedUrl, string Status, long LastUsed);
