using System.Globalization;
using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Which failures the downloader retries, how long it waits, and when it gives up (RELIABILITY.md 15–17).</summary>
public sealed class RetryPolicyTests : DownloadHarnessFixture
{
    private static readonly byte[] Content = TestData.Bytes(10_000);

    [Test]
    public async Task DownloadAsync_503Burst_RetriesWithBackoffThenSucceeds()
    {
        Harness.Server.Handle("file", (context, attempt) =>
            attempt <= 3 ? Faults.StatusAsync(context, 503) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await Harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(4));
        Assert.That(Harness.Time.Waits, Has.Count.EqualTo(3).And.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(Harness.Options.MaxRetryDelay));
    }

    [Test]
    public async Task DownloadAsync_TransientBeyondRetryCount_FailsNamingLastStatus()
    {
        Harness.Server.Handle("file", (context, attempt) => Faults.StatusAsync(context, attempt < 4 ? 503 : 504));

        var message = await Harness.FailAsync("file");

        Assert.That(message, Does.Contain("HTTP 504 GatewayTimeout").And.Contain("4 attempts"));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(4));
    }

    [TestCase(408)]
    [TestCase(500)]
    [TestCase(502)]
    public async Task DownloadAsync_TransientStatus_Retried(int status)
    {
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, status) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await Harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(2));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(410)]
    public async Task DownloadAsync_PermanentStatus_FailsAtOnceWithoutRetry(int status)
    {
        Harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, status));

        var message = await Harness.FailAsync("file");

        Assert.That(message, Does.Contain($"HTTP {status}"));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(1));
        Assert.That(Harness.Time.Waits, Is.Empty);
    }

    [Test]
    public async Task DownloadAsync_401WithUnsetTokenVariable_SaysTheVariableIsUnset()
    {
        Harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 401));
        var spec = DownloadHarness.Spec([Harness.Url("file")], [], null, unsetVariable: "MY_TOKEN");

        var message = await Harness.FailAsync(spec);

        Assert.That(message, Does.Contain("'MY_TOKEN', which is not set"));
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterSeconds_WaitsAsAsked()
    {
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", "7")) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await Harness.DownloadAsync("file");

        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(2));
        Assert.That(Harness.Log.Messages, Has.Member($"{Harness.Url("file")}: HTTP 429 TooManyRequests (rate limited); trying again in 7 s"));
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterHttpDate_WaitsUntilThatTime()
    {
        var until = Harness.Time.GetUtcNow().AddSeconds(30).ToString("R", CultureInfo.InvariantCulture);
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", until)) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await Harness.DownloadAsync("file");

        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [TestCase("past date")]
    [TestCase("garbage")]
    public async Task DownloadAsync_429RetryAfterUnusable_FallsBackToOwnBackoff(string form)
    {
        var value = form == "garbage" ? "soon, promise" : Harness.Time.GetUtcNow().AddHours(-1).ToString("R", CultureInfo.InvariantCulture);
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", value)) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await Harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Time.Waits, Has.Count.EqualTo(1));
        Assert.That(Harness.Time.Waits[0], Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(10)), "our own first backoff, about a second");
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterLongerThanMax_FailsSayingHowLongItAsked()
    {
        Harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 429, ("Retry-After", "3600")));

        var message = await Harness.FailAsync("file");

        Assert.That(message, Does.Contain("HTTP 429").And.Contain("3600 s").And.Contain("FetchMaxRetryDelaySeconds (120 s)"));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(1));
        Assert.That(Harness.Time.Waits, Is.Empty);
    }

    [Test]
    public async Task DownloadAsync_XRateLimitResetEpoch_WaitsUntilReset()
    {
        var reset = Harness.Time.GetUtcNow().AddSeconds(45).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 429, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await Harness.DownloadAsync("file");

        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(45) }));
    }

    [Test]
    public async Task DownloadAsync_GitHubStyle403RateLimit_WaitsAndRetriesInsteadOfFailing()
    {
        var reset = Harness.Time.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 403, ("x-ratelimit-limit", "60"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await Harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(2));
        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(20) }));
    }

    [TestCase("RateLimit-Remaining", "0", "RateLimit-Reset", "12", 12)]
    [TestCase("RateLimit", "\"default\";r=0;t=9", "RateLimit-Policy", "\"default\";q=100;w=60", 9)]
    public async Task DownloadAsync_IetfRateLimitFields_WaitsTheDeltaSeconds(string name1, string value1, string name2, string value2, int seconds)
    {
        Harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 503, (name1, value1), (name2, value2))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await Harness.DownloadAsync("file");

        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(seconds) }));
    }

    [Test]
    public async Task DownloadAsync_BackoffWaits_NeverExceedMaxRetryDelay()
    {
        Harness.Options = Harness.Options with { RetryCount = 8, MaxRetryDelay = TimeSpan.FromSeconds(3) };
        Harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 503));

        await Harness.FailAsync("file");

        Assert.That(Harness.Time.Waits, Has.Count.EqualTo(8).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(3)));
    }

    [TestCase(0, 0)]
    [TestCase(5, 0)]
    [TestCase(5, 10_000_000)]
    public void Create_ExtremeUserSettings_StillBuildsAPipeline(int retries, int maxDelaySeconds)
    {
        var options = new DownloaderOptions(retries, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(maxDelaySeconds));

        Assert.That(() => RetryPolicy.Create(options, TimeProvider.System), Throws.Nothing);
    }

    [Test]
    public async Task DownloadAsync_HostToldToWait_SecondDownloadToSameHostWaitsBeforeSending()
    {
        Harness.Options = Harness.Options with { RetryCount = 0 };
        var start = Harness.Time.GetUtcNow();
        DateTimeOffset? otherSentAt = null;
        Harness.Server.Handle("limited", (context, _) => Faults.StatusAsync(context, 429, ("Retry-After", "30")));
        Harness.Server.Handle("other", (context, _) =>
        {
            otherSentAt = Harness.Time.GetUtcNow();
            return StaticContent.WriteAsync(context, Content, "\"v1\"");
        });

        await Harness.FailAsync("limited");
        await Harness.DownloadAsync("other");

        Assert.That(otherSentAt, Is.GreaterThanOrEqualTo(start.AddSeconds(30)));
        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [TestCase("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "epoch+40", 40)]
    [TestCase("RateLimit", "\"default\";r=0;t=25", "RateLimit-Policy", "\"default\";q=60;w=3600", 25)]
    public async Task DownloadAsync_SuccessSayingTheBudgetIsSpent_NextRequestToTheHostWaitsForTheReset(string name1, string value1, string name2, string value2, int seconds)
    {
        var start = Harness.Time.GetUtcNow();
        var reset = value2.Replace("epoch+40", start.AddSeconds(40).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        DateTimeOffset? nextArrivedAt = null;
        Harness.Server.Handle("first", async (context, _) =>
        {
            context.Response.Headers[name1] = value1;
            context.Response.Headers[name2] = reset;
            await StaticContent.WriteAsync(context, Content, "\"v1\"");
        });
        Harness.Server.Handle("next", (context, _) =>
        {
            nextArrivedAt = Harness.Time.GetUtcNow();
            return StaticContent.WriteAsync(context, Content, "\"v1\"");
        });

        await Harness.DownloadAsync("first");
        await Harness.DownloadAsync("next");

        Assert.That(nextArrivedAt, Is.GreaterThanOrEqualTo(start.AddSeconds(seconds)), "on the server's (fake) clock");
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/first", "/next" }), "no request spent on a refusal");
        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(seconds) }));
    }

    [Test]
    public async Task DownloadAsync_SuccessWithASpentBudgetAndAFarReset_WaitClampedToMaxRetryDelay()
    {
        Harness.Options = Harness.Options with { MaxRetryDelay = TimeSpan.FromSeconds(10) };
        var reset = Harness.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Harness.Server.Handle("first", async (context, _) =>
        {
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = reset;
            await StaticContent.WriteAsync(context, Content, "\"v1\"");
        });
        Harness.Server.Serve("next", Content);

        await Harness.DownloadAsync("first");
        await Harness.DownloadAsync("next");

        Assert.That(Harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }));
    }
}
