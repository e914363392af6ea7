namespace Fetch.Build.Core.Http;

/// <summary>
/// One attempt at one source failed. <see cref="IsTransient"/> decides whether the retry policy
/// tries again. <see cref="Exception.Message"/> is the reason as the user will read it: it never
/// holds a token, a header value or an unmasked URL.
/// </summary>
internal sealed class AttemptFailedException : Exception
{
    public AttemptFailedException(string reason, bool isTransient, TimeSpan? retryAfter = null, bool restartFromZero = false)
        : base(reason)
    {
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        RestartFromZero = restartFromZero;
    }

    public AttemptFailedException()
        : this("the download failed", isTransient: false)
    {
    }

    public AttemptFailedException(string message)
        : this(message, isTransient: false)
    {
    }

    public AttemptFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public bool IsTransient { get; }

    /// <summary>The status the server refused the request with; null when no server answered with one.</summary>
    public System.Net.HttpStatusCode? Status { get; set; }

    /// <summary>No server answered at all: the connection could not be made, or no response came in time.</summary>
    public bool NoResponse { get; private init; }

    /// <summary>The wait before the next attempt when it is not our own backoff: the server's ask, or zero to restart at once.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The partial cannot be continued (another version, a wrong range): drop its resume state and try again at once.</summary>
    public bool RestartFromZero { get; }

    public static AttemptFailedException Transient(string reason, TimeSpan? retryAfter = null) => new(reason, isTransient: true, retryAfter);

    public static AttemptFailedException Restart(string reason) => new(reason, isTransient: true, TimeSpan.Zero, restartFromZero: true);

    public static AttemptFailedException Permanent(string reason) => new(reason, isTransient: false);

    /// <summary>Nothing answered (<see cref="NoResponse"/>); transient unless retrying cannot help (a TLS failure).</summary>
    public static AttemptFailedException Unanswered(string reason, bool isTransient = true) => new(reason, isTransient) { NoResponse = true };
}
