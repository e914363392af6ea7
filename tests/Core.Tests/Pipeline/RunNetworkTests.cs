using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>The run's HTTP stack as the settings shape it, observed from the server's side.</summary>
public sealed class RunNetworkTests
{
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await PipelineHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task Downloads_FetchMaxConnectionsPerHost_TheServerNeverSeesMoreAtOnce()
    {
        // Each answer is held until a third request arrives, so that an unbounded client shows
        // three at once; a bounded one never sends the third before an answer, which is released
        // after a while instead. Only the sensitivity depends on that while, not the assertion.
        var arrived = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var artifacts = new List<RawArtifact>();
        for (var i = 0; i < 3; i++)
        {
            var content = TestData.Bytes(5_000, seed: 40 + i);
            _h.Server.Handle($"f{i}.bin", async (context, _) =>
            {
                if (Interlocked.Increment(ref arrived) >= 3)
                {
                    third.TrySetResult();
                }

                await Task.WhenAny(third.Task, Task.Delay(TimeSpan.FromSeconds(2)));
                await StaticContent.WriteAsync(context, content, "\"v1\"");
            });
            artifacts.Add(PipelineHarness.Artifact(_h.Url($"f{i}.bin"), ("Sha256", TestData.Sha256(content))));
        }

        var (outcome, log) = await _h.RunAsync(new RawSettings().With("FetchMaxConnectionsPerHost", "2"), artifacts.ToArray());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.MaxConcurrentRequests, Is.EqualTo(2));
    }

    [Test]
    public async Task Downloads_SuccessSayingTheBudgetIsSpent_TheNextBuildOnTheMachineWaitsForTheReset()
    {
        var time = new FakeTimeProvider();
        _h.Time = time;
        var start = time.GetUtcNow();
        var first = TestData.Bytes(5_000, seed: 50);
        var second = TestData.Bytes(5_000, seed: 51);
        DateTimeOffset? secondArrivedAt = null;
        _h.Server.Handle("first.bin", async (context, _) =>
        {
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = start.AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await StaticContent.WriteAsync(context, first, "\"v1\"");
        });
        _h.Server.Handle("second.bin", (context, _) =>
        {
            secondArrivedAt = time.GetUtcNow();
            return StaticContent.WriteAsync(context, second, "\"v1\"");
        });

        // Two builds: each run has a process gate of its own here, so only the registry carries the wait.
        var (one, _) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("first.bin"), ("Sha256", TestData.Sha256(first))));
        var (two, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("second.bin"), ("Sha256", TestData.Sha256(second)), ("DestinationFolder", "other")));

        Assert.That((one.Succeeded, two.Succeeded), Is.EqualTo((true, true)), log.ToString());
        Assert.That(secondArrivedAt, Is.GreaterThanOrEqualTo(start.AddSeconds(30)), "on the server's (fake) clock");
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(2));
    }
}
