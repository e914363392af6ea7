namespace Fetch.Build.Core.Client;

/// <summary>
/// A fetch that failed for a reason the build would report as an error: the digest did not match
/// (FB1001), the download failed (FB1002), the content is not cached while offline (FB1003)…
/// <see cref="Exception.Message"/> is the build's line, code first: what happened, the values, the likely fix.
/// </summary>
public sealed class FetchFailedException : Exception
{
    internal FetchFailedException(string code, string? maskedUrl, string message)
        : base(code + ": " + message)
    {
        Code = code;
        MaskedUrl = maskedUrl;
    }

    /// <summary>The error's code, as docs/errors.md lists it: "FB1001"….</summary>
    public string Code { get; }

    /// <summary>The URL of the content that failed, with any secret masked; null when the failure was not about one URL (an unusable cache folder).</summary>
    public string? MaskedUrl { get; }
}
