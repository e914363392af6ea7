using Fetch.Build.Core.Maintenance;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Maintenance;

public sealed class CacheInventoryTests
{
    [Test]
    public void List_ContentAndUnreadyRows_OneRowEachMostRecentlyUsedFirst()
    {
        var clock = new FakeTimeProvider();
        using var cache = new TestCache(clock);
        var content = TestData.Bytes(1234, 1);
        var sha = cache.StoreFrom("https://example.org/data.bin", content);
        clock.Advance(TimeSpan.FromMinutes(1));
        cache.StoreFrom("https://mirror.example.org/data.bin", content);
        clock.Advance(TimeSpan.FromMinutes(5));
        cache.Registry.BeginWrite("failed", "https://example.org/gone.bin");
        cache.Registry.FailWrite("failed");
        clock.Advance(TimeSpan.FromMinutes(5));
        cache.Registry.BeginWrite("writing", "https://example.org/big.bin");
        File.WriteAllBytes(cache.Layout.PartialPath("writing"), new byte[99]);

        var items = CacheInventory.List(cache.Context);

        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.That(items, Is.EqualTo(new[]
        {
            new InventoryItem("https://example.org/big.bin", 0, null, 99, start.AddMinutes(11), InventoryItem.Writing),
            new InventoryItem("https://example.org/gone.bin", 0, null, 0, start.AddMinutes(6), InventoryItem.Failed),
            new InventoryItem("https://mirror.example.org/data.bin", 1, sha, content.Length, start.AddMinutes(1), InventoryItem.Ready),
        }).Using<InventoryItem>((x, y) => x == y));
    }
}
