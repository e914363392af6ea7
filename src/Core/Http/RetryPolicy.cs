using Polly;
using Polly.Retry;

namespace Fetch.Build.Core.Http;

/// <summary>
/// The retry half of "robust network": transient failures (see <see cref="AttemptFailedException.IsTransient"/>)
/// are tried again after an exponential, jittered backoff, or after what the server asked for.
/// Every wait goes through the pipeline's <see cref="TimeProvider"/>, so tests never sleep.
/// </summary>
internal static class RetryPolicy
{
    /// <summary>Where a download hears about each retry: the failure's reason and the wait before the next attempt.</summary>
    public static readonly ResiliencePropertyKey<Action<string, TimeSpan>> Notice = new("Fetch.Build.RetryNotice");

    // Polly refuses delays beyond a day; nobody wants a build to wait that long anyway.
    private static readonly TimeSpan PollyLimit = TimeSpan.FromDays(1);

    public static ResiliencePipeline Create(DownloaderOptions options, TimeProvider time)
    {
        if (options.RetryCount <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxWait = Clamp(options.MaxRetryDelay, PollyLimit);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is AttemptFailedException { IsTransient: true }),
                MaxRetryAttempts = options.RetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Clamp(options.RetryBaseDelay, maxWait),
                MaxDelay = maxWait,
                // Polly's MaxDelay caps only its own backoff, not what this returns: clamp here too.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is AttemptFailedException { RetryAfter: { } asked } ? Clamp(asked, maxWait) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Notice, out var notice) && args.Outcome.Exception is { } failure)
                    {
                        notice(failure.Message, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
