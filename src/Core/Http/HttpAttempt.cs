using System.Net;

namespace Fetch.Build.Core.Http;

/// <summary>
/// One attempt at one HTTP source. It first decides where to start — the partial's trustworthy
/// prefix when a sidecar vouches for it, else byte 0 — then checks the answer before writing:
/// a 200 to a ranged request, another version, or a wrong <c>Content-Range</c> is never appended
/// to what is there (RELIABILITY.md cases 12–14).
/// </summary>
internal static class HttpAttempt
{
    public static async Task<DownloadResult> RunAsync(TransferContext context, Uri source, CancellationToken cancellationToken)
    {
        var sourceKey = ResumeState.SourceKey(source);
        using var file = PartialFile.Open(context.PartialPath);
        var state = ResumeState.Load(context.PartialPath, sourceKey);
        var offset = state?.UsableLength(file.Length) ?? 0;
        if (offset > 0)
        {
            file.Truncate(offset);
            await file.SyncHasherAsync(context.Hasher, offset, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            state = null;
        }

        context.Progress.Restart(offset, state?.Total);
        var range = state is null ? null : new RangeRequest(offset, null, state.Validator);
        using var sent = await context.Sender.SendAsync(context.Spec, source, range, cancellationToken).ConfigureAwait(false);
        var response = sent.Response;
        if (offset == 0)
        {
            // Only now that this source answers with a body: what another source left (a mirror's
            // resumable partial, when this one failed before sending anything) is kept until here.
            ResumeState.Delete(context.PartialPath);
            file.Truncate(0);
            context.Hasher.Reset();
        }

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return AlreadyComplete(context, source, response, state!, offset);
        }

        long? total;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            total = CheckResumed(response, offset, state);
        }
        else
        {
            if (offset > 0)
            {
                // The server ignored the range, or If-Range found another version: this body starts at 0.
                file.Truncate(0);
                context.Hasher.Reset();
                offset = 0;
                ResumeState.Delete(context.PartialPath);
            }

            total = response.Content.Headers.ContentLength;
        }

        context.Progress.Restart(offset, total);
        var validator = Validator.Of(response) ?? (offset > 0 ? state!.Validator : null);
        var saved = validator is null ? null : new ResumeState(sourceKey, validator, total, null);
        saved?.Save(context.PartialPath);

        if (saved is not null && total is { } length && CanSegment(context, response, length - offset))
        {
            await SegmentedTransfer.RunAsync(context, sent, file, saved, offset, length, cancellationToken).ConfigureAwait(false);
            return Result(context, source, response, length);
        }

        var copied = await BodyCopier.CopyAsync(response, file, offset, null, context.Hasher, context.Progress, context.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        var end = offset + copied;
        if (total is { } expected && end != expected)
        {
            // A short but well-formed range answer lands here too: the next attempt continues from `end`.
            throw AttemptFailedException.Transient($"the body ended after {end} of {expected} bytes",
                response.StatusCode == HttpStatusCode.PartialContent && copied > 0 ? TimeSpan.Zero : null);
        }

        return Result(context, source, response, end);
    }

    /// <summary>The total length a resumed answer declares; throws a restart when it does not continue our prefix.</summary>
    private static long? CheckResumed(HttpResponseMessage response, long offset, ResumeState? state)
    {
        var range = response.Content.Headers.ContentRange;
        var validator = Validator.Of(response);
        if (state is null || range is not { HasRange: true } || !string.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase) ||
            range.From != offset || (range.Length is { } length && state.Total is { } total && length != total) ||
            (validator is not null && validator != state.Validator))
        {
            throw AttemptFailedException.Restart($"the server answered a resume at byte {offset} with another range or version; starting over");
        }

        return range.Length ?? state.Total;
    }

    private static DownloadResult AlreadyComplete(TransferContext context, Uri source, HttpResponseMessage response, ResumeState state, long offset)
    {
        // If-Range matched (else the answer is a 200) and nothing lies past our end: the partial is whole.
        if (response.Content.Headers.ContentRange?.Length == offset && (state.Total ?? offset) == offset)
        {
            var etag = state.Validator.StartsWith('"') ? state.Validator : null;
            return new DownloadResult(source, offset, context.Progress.Transferred, etag, etag is null ? state.Validator : null);
        }

        throw AttemptFailedException.Restart($"the server refused a resume at byte {offset}; starting over");
    }

    private static bool CanSegment(TransferContext context, HttpResponseMessage response, long remaining) =>
        !context.SegmentsRefused && context.Options.SegmentCount > 1 && remaining > context.Options.SegmentThreshold &&
        (response.StatusCode == HttpStatusCode.PartialContent || response.Headers.AcceptRanges.Contains("bytes", StringComparer.OrdinalIgnoreCase));

    private static DownloadResult Result(TransferContext context, Uri source, HttpResponseMessage response, long length) =>
        new(source, length, context.Progress.Transferred, response.Headers.ETag?.Tag, response.Content.Headers.LastModified?.ToString("R"), response.Content.Headers.ContentType?.MediaType);
}
