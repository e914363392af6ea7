using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Long downloads say how far they are, on the fake clock; short ones stay quiet.</summary>
public sealed class ProgressReporterTests
{
    private const string ETag = "\"v1\"";
    private static readonly byte[] Content = TestData.Bytes(100_000);
    private DownloadHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await DownloadHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task DownloadAsync_RunsPastThreeSeconds_ReportsBytesPercentAndRateEveryInterval()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Server.Handle("file", async (context, _) =>
        {
            context.Response.Headers.ETag = ETag;
            context.Response.ContentLength = Content.Length;
            await context.Response.Body.WriteAsync(Content.AsMemory(0, 50_000));
            await context.Response.Body.FlushAsync();
            await release.Task;
            await context.Response.Body.WriteAsync(Content.AsMemory(50_000));
        });

        var download = _harness.DownloadAsync("file");
        await _harness.WaitForPartialAsync(50_000);
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        var beforeDelay = _harness.Log.Messages.Count;
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        release.SetResult();
        await download;

        Assert.That(beforeDelay, Is.Zero, "nothing in the first three seconds");
        Assert.That(_harness.Log.Messages, Has.Count.EqualTo(2));
        var url = _harness.Url("file").AbsoluteUri;
        Assert.That(_harness.Log.Messages[0], Is.EqualTo($"{url}: 48.8 KiB of 97.7 KiB (50%), 16.3 KiB/s"));
        Assert.That(_harness.Log.Messages[1], Is.EqualTo($"{url}: 48.8 KiB of 97.7 KiB (50%), 0 B/s"));
    }

    [Test]
    public async Task DownloadAsync_QuickDownload_ReportsNothing()
    {
        _harness.Server.Serve("file", Content, ETag);

        await _harness.DownloadAsync("file");

        Assert.That(_harness.Log.Messages, Is.Empty);
    }
}
