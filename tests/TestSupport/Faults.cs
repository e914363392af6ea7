using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.TestSupport;

/// <summary>Answers a loopback server can give that real servers give on bad days.</summary>
public static class Faults
{
    /// <summary>A bare status with the given headers and no body.</summary>
    public static Task StatusAsync(HttpContext context, int status, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        return Task.CompletedTask;
    }

    /// <summary>A redirect to <paramref name="location"/>.</summary>
    public static Task RedirectAsync(HttpContext context, string location, int status = StatusCodes.Status302Found) =>
        StatusAsync(context, status, ("Location", location));

    /// <summary>Promises the whole content (ETag, ranges) but ends the body after <paramref name="cutAt"/> bytes.</summary>
    public static async Task TruncatedAsync(HttpContext context, byte[] content, string etag, int cutAt)
    {
        WriteHeaders(context, content.Length, etag);
        await context.Response.Body.WriteAsync(content.AsMemory(0, cutAt)).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);

        // Returning short of Content-Length makes Kestrel close the connection under the client.
    }

    /// <summary>
    /// Promises the whole content, sends <paramref name="cutAt"/> bytes, waits for <paramref name="beforeReset"/>
    /// (so the test can let the client take them in first), then aborts the connection.
    /// </summary>
    public static async Task ResetAsync(HttpContext context, byte[] content, string etag, int cutAt, Func<Task> beforeReset)
    {
        WriteHeaders(context, content.Length, etag);
        await context.Response.Body.WriteAsync(content.AsMemory(0, cutAt)).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
        await beforeReset().ConfigureAwait(false);
        context.Abort();
    }

    /// <summary>Sends <paramref name="stallAt"/> bytes, then stays silent until the client gives up.</summary>
    public static async Task StallAsync(HttpContext context, byte[] content, string etag, int stallAt)
    {
        WriteHeaders(context, content.Length, etag);
        await context.Response.Body.WriteAsync(content.AsMemory(0, stallAt)).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client hung up, as it should.
        }
    }

    /// <summary>Answers any request with 206 and a <c>Content-Range</c> that starts at <paramref name="from"/>, whatever was asked.</summary>
    public static async Task WrongRangeAsync(HttpContext context, byte[] content, string etag, int from)
    {
        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        context.Response.Headers.ETag = etag;
        context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{content.Length - 1}/{content.Length}");
        context.Response.ContentLength = content.Length - from;
        await context.Response.Body.WriteAsync(content.AsMemory(from)).ConfigureAwait(false);
    }

    private static void WriteHeaders(HttpContext context, long length, string etag)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.AcceptRanges = "bytes";
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = length;
    }
}
