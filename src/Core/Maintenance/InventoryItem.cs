namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// One row of <c>dotnet fetch cache list</c> (SPEC §8): cached content, or a URL whose content is
/// being written or failed. <see cref="Url"/> is masked, the one the content was last used through
/// (null when no URL is known: a registry rebuilt from the stored files); <see cref="OtherUrls"/>
/// counts the others that lead to the same content.
/// </summary>
internal sealed record InventoryItem(string? Url, int OtherUrls, string? Sha256, long Size, DateTimeOffset LastUsed, string Status)
{
    public const string Ready = "ready";
    public const string Writing = "writing";
    public const string Failed = "failed";
}
