using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Maintenance;

/// <summary>FetchCacheMaxSize, through the whole run as a build makes it.</summary>
public sealed class CacheCapTests
{
    private static readonly byte[] Old = TestData.Bytes(30_000, 1);
    private static readonly byte[] New = TestData.Bytes(20_000, 2);

    [Test]
    public async Task Run_ThatAddsContentPastTheCap_RemovesLeastRecentlyUsedAndSaysSo()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Serve("old.bin", Old);
        harness.Server.Serve("new.bin", New);
        Assert.That((await harness.RunAsync(Declared(harness, "old.bin", Old))).Outcome.Succeeded, Is.True);

        var (outcome, log) = await harness.RunAsync(new RawSettings().With("FetchCacheMaxSize", "40KB"), Declared(harness, "new.bin", New));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Blobs(harness), Is.EqualTo(new[] { TestData.Sha256(New) }));
        Assert.That(log.Messages.Where(m => m.Contains("FetchCacheMaxSize", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1)
            .And.One.Contains("removed 1 least recently used item(s)"));
    }

    [Test]
    public async Task Run_WhoseOwnContentExceedsTheCap_KeepsItAndSaysSo()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Serve("new.bin", New);

        var (outcome, log) = await harness.RunAsync(new RawSettings().With("FetchCacheMaxSize", "1KB"), Declared(harness, "new.bin", New));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Blobs(harness), Is.EqualTo(new[] { TestData.Sha256(New) }));
        Assert.That(log.Messages, Has.One.Contains("removed 0 least recently used item(s)").And.Contains("this build or another running build uses"));
    }

    [Test]
    public async Task Run_ServedFromTheCache_DoesNotTrim()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Serve("old.bin", Old);
        await harness.RunAsync(Declared(harness, "old.bin", Old));
        harness.ProjectDirectory = Directory.CreateDirectory(Path.Combine(harness.Root, "second")).FullName;

        var (_, log) = await harness.RunAsync(new RawSettings().With("FetchCacheMaxSize", "1KB"), Declared(harness, "old.bin", Old));

        Assert.That(log.Messages, Has.None.Contains("FetchCacheMaxSize"));
        Assert.That(Blobs(harness), Has.Count.EqualTo(1));
    }

    private static Core.Requests.RawArtifact Declared(PipelineHarness harness, string path, byte[] content) =>
        PipelineHarness.Artifact(harness.Url(path), ("Sha256", TestData.Sha256(content)));

    private static List<string> Blobs(PipelineHarness harness) =>
        Directory.EnumerateFiles(Path.Combine(harness.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToList();
}
