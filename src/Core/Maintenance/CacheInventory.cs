using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Pipeline;

namespace Fetch.Build.Core.Maintenance;

/// <summary>What the cache holds, one row per content, from the registry and one stat per blob (the tool's <c>cache list</c>).</summary>
internal static class CacheInventory
{
    /// <summary>Every row, most recently used first.</summary>
    public static IReadOnlyList<InventoryItem> List(CacheContext cache)
    {
        var items = new List<InventoryItem>();
        foreach (var stored in cache.Registry.ListStored())
        {
            // A row whose blob is gone is not content any more: verify and prune drop it.
            var status = cache.Store.SizeOf(stored.Sha256) is null ? InventoryItem.Failed : InventoryItem.Ready;
            items.Add(new InventoryItem(stored.Url, Math.Max(0, stored.UrlCount - 1), stored.Sha256, stored.Size, Time(stored.LastUsed), status));
        }

        foreach (var entry in cache.Registry.ListUnready())
        {
            // A download in progress (or left by a dead build) has its partial file, resumable.
            var partial = new FileInfo(cache.Layout.PartialPath(entry.UrlKey));
            var status = entry.Status == EntryStatus.Write ? InventoryItem.Writing : InventoryItem.Failed;
            items.Add(new InventoryItem(entry.MaskedUrl, 0, null, partial.Exists ? partial.Length : 0, Time(entry.LastUsed), status));
        }

        items.Sort(static (a, b) => b.LastUsed.CompareTo(a.LastUsed));
        return items;
    }

    private static DateTimeOffset Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}
