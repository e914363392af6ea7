using System.Net;
using System.Runtime.ExceptionServices;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Fetches a large remainder over several connections at once, each writing its own range of the
/// partial. The first segment reuses the response already open and is hashed as it streams; the
/// others are hashed by reading them back once everything before them is hashed, so the hasher
/// sees every byte once, in order, and memory stays at a buffer per connection.
/// </summary>
internal static class SegmentedTransfer
{
    public static async Task RunAsync(TransferContext context, SentResponse first, PartialFile file, ResumeState state, long offset, long total, CancellationToken cancellationToken)
    {
        var segments = Split(offset, total, context.Options.SegmentCount);

        // Until the segments join up the file has holes: after a crash only the prefix before them counts.
        (state with { GoodLength = offset }).Save(context.PartialPath);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Task[segments.Count];
        tasks[0] = StopOthersOnFailure(CopyFirstAsync(context, first.Response, file, segments[0], total, stop.Token), stop);
        for (var i = 1; i < segments.Count; i++)
        {
            tasks[i] = StopOthersOnFailure(FetchAsync(context, first.FinalUrl, state.Validator, file, segments[i], total, stop.Token), stop);
        }

        try
        {
            await tasks[0].ConfigureAwait(false);
            for (var i = 1; i < segments.Count; i++)
            {
                await tasks[i].ConfigureAwait(false);
                await file.HashRangeAsync(context.Hasher, segments[i].Start, segments[i].Length, stop.Token).ConfigureAwait(false);
                (state with { GoodLength = segments[i].End }).Save(context.PartialPath);
            }
        }
        catch (Exception caught)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);

            // Keep only what the hasher has seen: a contiguous prefix, so the next attempt resumes from it.
            file.Truncate(context.Hasher.Length);
            (state with { GoodLength = null }).Save(context.PartialPath);
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(RootCause(tasks) ?? caught);
        }

        (state with { GoodLength = null }).Save(context.PartialPath);
    }

    private static async Task CopyFirstAsync(TransferContext context, HttpResponseMessage response, PartialFile file, Segment segment, long total, CancellationToken cancellationToken)
    {
        var copied = await BodyCopier.CopyAsync(response, file, segment.Start, segment.Length, context.Hasher, context.Progress, context.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        EnsureWhole(segment, copied, total);
    }

    private static async Task FetchAsync(TransferContext context, Uri url, string validator, PartialFile file, Segment segment, long total, CancellationToken cancellationToken)
    {
        using var sent = await context.Sender.SendAsync(context.Spec, url, new RangeRequest(segment.Start, segment.End - 1, validator), cancellationToken).ConfigureAwait(false);
        var response = sent.Response;
        var range = response.Content.Headers.ContentRange;
        var answered = Validator.Of(response);
        if (response.StatusCode != HttpStatusCode.PartialContent || range is null || range.From != segment.Start || range.To != segment.End - 1 ||
            (range.Length is { } length && length != total) || (answered is not null && answered != validator))
        {
            context.SegmentsRefused = true;
            throw AttemptFailedException.Restart($"the server answered the range starting at byte {segment.Start} with another range or version; starting over");
        }

        var copied = await BodyCopier.CopyAsync(response, file, segment.Start, segment.Length, null, context.Progress, context.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        EnsureWhole(segment, copied, total);
    }

    private static void EnsureWhole(Segment segment, long copied, long total)
    {
        if (copied != segment.Length)
        {
            throw AttemptFailedException.Transient($"the body ended after {segment.Start + copied} of {total} bytes");
        }
    }

    private static async Task StopOthersOnFailure(Task work, CancellationTokenSource stop)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The failure that started it all: not one of the cancellations it caused.</summary>
    private static Exception? RootCause(Task[] tasks) =>
        tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is AttemptFailedException { RestartFromZero: true }) ??
        tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);

    private static List<Segment> Split(long offset, long total, int count)
    {
        var size = (total - offset + count - 1) / count;
        var segments = new List<Segment>();
        for (var start = offset; start < total; start += size)
        {
            segments.Add(new Segment(start, Math.Min(start + size, total)));
        }

        return segments;
    }

    private readonly record struct Segment(long Start, long End)
    {
        public long Length => End - Start;
    }
}
