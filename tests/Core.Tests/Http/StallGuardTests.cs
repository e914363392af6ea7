using Fetch.Build.Core.Diagnostics;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>A body that never goes silent but brings almost nothing is a stall, as a silent one is.</summary>
public sealed class StallGuardTests : DownloadHarnessFixture
{
    private static readonly byte[] Content = TestData.Bytes(10_000);

    [Test]
    public async Task DownloadAsync_ServerTricklesOneBytePerSecond_EachAttemptEndsAsStalledThenFB1002()
    {
        // A byte a second never leaves the socket silent for the 3 s timeout: only the floor can end it.
        Harness.Options = Harness.Options with { RetryCount = 1, InactivityTimeout = TimeSpan.FromSeconds(3) };
        Harness.Server.Handle("file", (context, _) => TrickleContent.WriteAsync(context, Content, TimeSpan.FromSeconds(1)));

        var download = Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("file")));

        // The bound only catches a hang: without the floor the trickle would last 10,000 s an attempt.
        var error = Assert.ThrowsAsync<FetchException>(async () => await download.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DownloadFailedCode));
        Assert.That(error.Message, Does.Contain("stalled: less than 1 KiB received in 3 s").And.Contain("gave up after 2 attempts"));
        Assert.That(Harness.RequestsTo("file").Count(), Is.EqualTo(2), "a stall is transient: retried once, as FetchRetryCount says");
    }

    [Test]
    public async Task DownloadAsync_ServerSendsThenGoesSilent_SaysNoDataRatherThanStalled()
    {
        Harness.Options = Harness.Options with { RetryCount = 0, InactivityTimeout = TimeSpan.FromMilliseconds(300) };
        Harness.Server.Handle("file", (context, _) => Faults.StallAsync(context, Content, "\"v1\"", 5000));

        var message = await Harness.FailAsync("file");

        Assert.That(message, Does.Contain("no data received for 0.3 s after 5000 bytes"));
    }
}
