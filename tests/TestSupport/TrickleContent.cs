using Microsoft.AspNetCore.Http;

namespace Fetch.Build.TestSupport;

/// <summary>A server that never goes silent but sends almost nothing: one byte, a pause, one byte…, until the client hangs up.</summary>
public static class TrickleContent
{
    public static async Task WriteAsync(HttpContext context, byte[] content, TimeSpan pause)
    {
        context.Response.ContentLength = content.Length;
        context.Response.Headers.ETag = "\"trickle\"";
        try
        {
            for (var offset = 0; offset < content.Length; offset++)
            {
                await context.Response.Body.WriteAsync(content.AsMemory(offset, 1), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await Task.Delay(pause, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client hung up, as it should.
        }
    }
}
