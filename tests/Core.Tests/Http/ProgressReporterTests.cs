using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Long downloads say how far they are, on the fake clock; short ones stay quiet.</summary>
public sealed class ProgressReporterTests : DownloadHarnessFixture
{
    private const string ETag = "\"v1\"";
    private static readonly byte[] Content = TestData.Bytes(100_000);

    [Test]
    public async Task DownloadAsync_RunsPastThreeSeconds_ReportsBytesPercentAndRateEveryInterval()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.Server.Handle("file", async (context, _) =>
        {
            context.Response.Headers.ETag = ETag;
            context.Response.ContentLength = Content.Length;
            await context.Response.Body.WriteAsync(Content.AsMemory(0, 50_000));
            await context.Response.Body.FlushAsync();
            await release.Task;
            await context.Response.Body.WriteAsync(Content.AsMemory(50_000));
        });

        var download = Harness.DownloadAsync("file");
        await Harness.WaitForPartialAsync(50_000);
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        var beforeDelay = Harness.Log.Messages.Count;
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        Harness.Time.Advance(TimeSpan.FromSeconds(5));
        release.SetResult();
        await download;

        Assert.That(beforeDelay, Is.Zero, "nothing in the first three seconds");
        Assert.That(Harness.Log.Messages, Has.Count.EqualTo(2));
        var url = Harness.Url("file").AbsoluteUri;
        Assert.That(Harness.Log.Messages[0], Is.EqualTo($"{url}: 48.8 KiB of 97.7 KiB (50%), 16.3 KiB/s"));
        Assert.That(Harness.Log.Messages[1], Is.EqualTo($"{url}: 48.8 KiB of 97.7 KiB (50%), 0 B/s"));
        // The numbers, for a log that draws progress, and a last report when the download ends.
        Assert.That(Harness.Log.ProgressReports.Select(r => (r.Done, r.Total, r.Finished)), Is.EqualTo(new (long, long?, bool)[]
        {
            (50_000, Content.Length, false), (50_000, Content.Length, false), (Content.Length, Content.Length, true),
        }));
    }

    [Test]
    public async Task DownloadAsync_NoByteYetAfterEightSeconds_ReportsNoZeroByteProgress()
    {
        // A host that has not answered yet (dead, or retries waiting): no "0 B, 0 B/s" lines.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.Server.Handle("file", async (context, _) =>
        {
            started.SetResult();
            await release.Task;
            context.Response.Headers.ETag = ETag;
            context.Response.ContentLength = Content.Length;
            await context.Response.Body.WriteAsync(Content);
        });

        var download = Harness.DownloadAsync("file");
        await started.Task;
        Harness.Time.Advance(TimeSpan.FromSeconds(3));
        Harness.Time.Advance(TimeSpan.FromSeconds(5));
        var whileWaiting = Harness.Log.Messages.ToList();
        release.SetResult();
        await download;

        Assert.That(whileWaiting, Is.Empty);
    }

    [Test]
    public async Task DownloadAsync_QuickDownload_ReportsNothing()
    {
        Harness.Server.Serve("file", Content, ETag);

        await Harness.DownloadAsync("file");

        Assert.That(Harness.Log.Messages, Is.Empty);
    }
}
