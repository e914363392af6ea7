using System.Globalization;
using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Which failures the downloader retries, how long it waits, and when it gives up (RELIABILITY.md 15–17).</summary>
public sealed class RetryPolicyTests
{
    private static readonly byte[] Content = TestData.Bytes(10_000);
    private DownloadHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await DownloadHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task DownloadAsync_503Burst_RetriesWithBackoffThenSucceeds()
    {
        _harness.Server.Handle("file", (context, attempt) =>
            attempt <= 3 ? Faults.StatusAsync(context, 503) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await _harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(4));
        Assert.That(_harness.Time.Waits, Has.Count.EqualTo(3).And.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(_harness.Options.MaxRetryDelay));
    }

    [Test]
    public async Task DownloadAsync_TransientBeyondRetryCount_FailsNamingLastStatus()
    {
        _harness.Server.Handle("file", (context, attempt) => Faults.StatusAsync(context, attempt < 4 ? 503 : 504));

        var message = await _harness.FailAsync("file");

        Assert.That(message, Does.Contain("HTTP 504 GatewayTimeout").And.Contain("4 attempts"));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(4));
    }

    [TestCase(408)]
    [TestCase(500)]
    [TestCase(502)]
    public async Task DownloadAsync_TransientStatus_Retried(int status)
    {
        _harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, status) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await _harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(2));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(410)]
    public async Task DownloadAsync_PermanentStatus_FailsAtOnceWithoutRetry(int status)
    {
        _harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, status));

        var message = await _harness.FailAsync("file");

        Assert.That(message, Does.Contain($"HTTP {status}"));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(1));
        Assert.That(_harness.Time.Waits, Is.Empty);
    }

    [Test]
    public async Task DownloadAsync_401WithUnsetTokenVariable_SaysTheVariableIsUnset()
    {
        _harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 401));
        var spec = DownloadHarness.Spec(_harness.Url("file")) with { BearerTokenVariable = "MY_TOKEN" };

        var message = await _harness.FailAsync(spec);

        Assert.That(message, Does.Contain("'MY_TOKEN', which is not set"));
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterSeconds_WaitsAsAsked()
    {
        _harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", "7")) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await _harness.DownloadAsync("file");

        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(2));
        Assert.That(_harness.Log.Messages, Has.Member($"{_harness.Url("file")}: HTTP 429 TooManyRequests (rate limited); trying again in 7 s"));
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterHttpDate_WaitsUntilThatTime()
    {
        var until = _harness.Time.GetUtcNow().AddSeconds(30).ToString("R", CultureInfo.InvariantCulture);
        _harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", until)) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await _harness.DownloadAsync("file");

        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [TestCase("past date")]
    [TestCase("garbage")]
    public async Task DownloadAsync_429RetryAfterUnusable_FallsBackToOwnBackoff(string form)
    {
        var value = form == "garbage" ? "soon, promise" : _harness.Time.GetUtcNow().AddHours(-1).ToString("R", CultureInfo.InvariantCulture);
        _harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StatusAsync(context, 429, ("Retry-After", value)) : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await _harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Time.Waits, Has.Count.EqualTo(1));
        Assert.That(_harness.Time.Waits[0], Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(10)), "our own first backoff, about a second");
    }

    [Test]
    public async Task DownloadAsync_429RetryAfterLongerThanMax_FailsSayingHowLongItAsked()
    {
        _harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 429, ("Retry-After", "3600")));

        var message = await _harness.FailAsync("file");

        Assert.That(message, Does.Contain("HTTP 429").And.Contain("3600 s").And.Contain("FetchMaxRetryDelaySeconds (120 s)"));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(1));
        Assert.That(_harness.Time.Waits, Is.Empty);
    }

    [Test]
    public async Task DownloadAsync_XRateLimitResetEpoch_WaitsUntilReset()
    {
        var reset = _harness.Time.GetUtcNow().AddSeconds(45).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 429, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await _harness.DownloadAsync("file");

        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(45) }));
    }

    [Test]
    public async Task DownloadAsync_GitHubStyle403RateLimit_WaitsAndRetriesInsteadOfFailing()
    {
        var reset = _harness.Time.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 403, ("x-ratelimit-limit", "60"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        var downloaded = await _harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Server.RequestCount("file"), Is.EqualTo(2));
        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(20) }));
    }

    [TestCase("RateLimit-Remaining", "0", "RateLimit-Reset", "12", 12)]
    [TestCase("RateLimit", "\"default\";r=0;t=9", "RateLimit-Policy", "\"default\";q=100;w=60", 9)]
    public async Task DownloadAsync_IetfRateLimitFields_WaitsTheDeltaSeconds(string name1, string value1, string name2, string value2, int seconds)
    {
        _harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.StatusAsync(context, 503, (name1, value1), (name2, value2))
            : StaticContent.WriteAsync(context, Content, "\"v1\""));

        await _harness.DownloadAsync("file");

        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(seconds) }));
    }

    [Test]
    public async Task DownloadAsync_BackoffWaits_NeverExceedMaxRetryDelay()
    {
        _harness.Options = _harness.Options with { RetryCount = 8, MaxRetryDelay = TimeSpan.FromSeconds(3) };
        _harness.Server.Handle("file", (context, _) => Faults.StatusAsync(context, 503));

        await _harness.FailAsync("file");

        Assert.That(_harness.Time.Waits, Has.Count.EqualTo(8).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(3)));
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
        _harness.Options = _harness.Options with { RetryCount = 0 };
        var start = _harness.Time.GetUtcNow();
        DateTimeOffset? otherSentAt = null;
        _harness.Server.Handle("limited", (context, _) => Faults.StatusAsync(context, 429, ("Retry-After", "30")));
        _harness.Server.Handle("other", (context, _) =>
        {
            otherSentAt = _harness.Time.GetUtcNow();
            return StaticContent.WriteAsync(context, Content, "\"v1\"");
        });

        await _harness.FailAsync("limited");
        await _harness.DownloadAsync("other");

        Assert.That(otherSentAt, Is.GreaterThanOrEqualTo(start.AddSeconds(30)));
        Assert.That(_harness.Time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }
}
