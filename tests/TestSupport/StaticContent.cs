using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.TestSupport;

/// <summary>Answers a GET for fixed bytes the way a static file server does: ETag, Range (open or closed), If-Range.</summary>
public static class StaticContent
{
    public static async Task WriteAsync(HttpContext context, byte[] content, string etag, int? truncateAt = null)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "application/octet-stream";
        long start = 0;
        long last = content.Length - 1;
        var range = context.Request.Headers.Range.ToString();
        var ifRange = context.Request.Headers.IfRange.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && (ifRange.Length == 0 || ifRange == etag))
        {
            var bounds = range["bytes=".Length..].Split('-');
            if (long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from) && from < content.Length)
            {
                start = from;
                if (bounds.Length > 1 && long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && to >= from)
                {
                    last = Math.Min(to, last);
                }

                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = $"bytes {start}-{last}/{content.Length}";
            }
        }

        response.ContentLength = last + 1 - start;
        var end = truncateAt is { } cut ? Math.Min(cut, last + 1) : last + 1;
        if (context.Request.Method != HttpMethods.Head && end > start)
        {
            await response.Body.WriteAsync(content.AsMemory((int)start, (int)(end - start))).ConfigureAwait(false);
        }

        if (truncateAt is not null)
        {
            // Cut the connection so the client sees a body shorter than Content-Length.
            await response.Body.FlushAsync().ConfigureAwait(false);
            context.Abort();
        }
    }
}
