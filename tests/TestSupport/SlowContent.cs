using Microsoft.AspNetCore.Http;

namespace Fetch.Build.TestSupport;

/// <summary>Serves bytes in small chunks with a pause between them, so many clients overlap in time.</summary>
public static class SlowContent
{
    public static async Task WriteAsync(HttpContext context, byte[] content, int chunk = 16 * 1024, int pauseMilliseconds = 2)
    {
        context.Response.ContentLength = content.Length;
        context.Response.Headers.ETag = "\"slow\"";
        for (var offset = 0; offset < content.Length; offset += chunk)
        {
            var count = Math.Min(chunk, content.Length - offset);
            await context.Response.Body.WriteAsync(content.AsMemory(offset, count), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(pauseMilliseconds, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
