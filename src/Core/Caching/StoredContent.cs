namespace Fetch.Build.Core.Caching;

/// <summary>One stored content's row: its size, when it was last used (unix seconds), the URL it was last used through and how many URLs lead to it.</summary>
internal sealed record StoredContent(string Sha256, long Size, long LastUsed, string? Url, int UrlCount);
