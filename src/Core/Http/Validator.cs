namespace Fetch.Build.Core.Http;

/// <summary>
/// What identifies a version of the content for <c>If-Range</c>: a strong ETag, else the raw
/// Last-Modified date. Weak ETags cannot be used for ranges (RFC 9110 §13.1.5).
/// </summary>
internal static class Validator
{
    public static string? Of(HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            return etag.Tag;
        }

        return response.Content.Headers.NonValidated.TryGetValues("Last-Modified", out var values) && values.Count == 1
            ? values.ToString()
            : null;
    }
}
