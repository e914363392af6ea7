using System.Globalization;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Rate limits before they bite, in a real build, on the server's own clock (SPEC §10).</summary>
public sealed class RateLimitTests : ConsumerBuildFixture
{
    private static readonly byte[] First = TestData.Bytes(8_000, seed: 91);
    private static readonly byte[] Second = TestData.Bytes(8_000, seed: 92);

    [Test]
    public async Task Build_SuccessSayingTheBudgetIsSpent_TheNextRequestToTheHostWaitsForTheReset()
    {
        DateTimeOffset? reset = null;
        DateTimeOffset? secondArrivedAt = null;
        Server.Handle("first.bin", async (context, _) =>
        {
            reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3);
            context.Response.Headers["X-RateLimit-Limit"] = "60";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = reset.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await StaticContent.WriteAsync(context, First, "\"v1\"");
        });
        Server.Handle("second.bin", (context, _) =>
        {
            secondArrivedAt = DateTimeOffset.UtcNow;
            return StaticContent.WriteAsync(context, Second, "\"v1\"");
        });
        using var project = new ConsumerProject(Cache.Path);
        project.Properties["FetchMaxParallelDownloads"] = "1";
        project.Items.Add(ConsumerProject.Artifact(Server.Url("first.bin").AbsoluteUri, ("Sha256", TestData.Sha256(First))));
        project.Items.Add(ConsumerProject.Artifact(Server.Url("second.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Second))));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/first.bin", "/second.bin" }), "no request spent on a refusal");
        // A timer never fires early by more than the clock's tick; 50 ms covers that and nothing else.
        Assert.That(secondArrivedAt, Is.GreaterThanOrEqualTo(reset!.Value.AddMilliseconds(-50)), "the second request waited for the reset");
    }
}
