using System.Globalization;
using System.Net;
using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Every form a server uses to say "come back later", read against a fixed clock.</summary>
public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("Retry-After", "7", 7)]
    [TestCase("Retry-After", "Tue, 01 Jan 2030 12:00:30 GMT", 30)]
    [TestCase("Retry-After", "Tue, 01 Jan 2030 11:00:00 GMT", 0)]
    public void AskedWait_RetryAfter_SecondsOrDateFromNow(string name, string value, int seconds)
    {
        using var response = Response((name, value));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("")]
    public void AskedWait_RetryAfterGarbage_Ignored(string value)
    {
        using var response = Response(("Retry-After", value));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.Null);
    }

    [Test]
    public void AskedWait_XRateLimitExhaustedWithEpochReset_WaitsUntilReset()
    {
        using var response = Response(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Epoch(Now.AddSeconds(90))));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(RateLimitHeaders.IsExhausted(response));
    }

    [Test]
    public void AskedWait_XRateLimitResetAsDelta_ReadAsSeconds()
    {
        using var response = Response(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "15"));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void AskedWait_RequestsRemaining_ResetIgnored()
    {
        using var response = Response(("X-RateLimit-Remaining", "12"), ("X-RateLimit-Reset", Epoch(Now.AddSeconds(90))));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.Null);
        Assert.That(RateLimitHeaders.IsExhausted(response), Is.False);
    }

    [TestCase("RateLimit", "limit=100, remaining=0, reset=40", 40)]
    [TestCase("RateLimit", "\"default\";r=0;t=25", 25)]
    public void AskedWait_IetfRateLimitField_DeltaSeconds(string name, string value, int seconds)
    {
        using var response = Response((name, value));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void AskedWait_SeveralAsks_TheLongestWins()
    {
        using var response = Response(("Retry-After", "5"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "20"));

        Assert.That(RateLimitHeaders.AskedWait(response, Now), Is.EqualTo(TimeSpan.FromSeconds(20)));
    }

    private static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
