using System.Net;
using System.Runtime.ExceptionServices;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Fetches a large remainder over several connections at once. The remainder is cut into pieces
/// that the connections take in order, each writing its own range of the partial; the first piece
/// comes from the response already open. One hasher follows behind, reading back each piece as
/// soon as it and every piece before it are written, so it sees every byte once, in order, while
/// the rest is still arriving: when the last byte lands, little is left to hash. Memory stays at a
/// buffer per connection.
/// </summary>
internal static class SegmentedTransfer
{
    public static async Task RunAsync(TransferContext context, SentResponse first, PartialFile file, ResumeState state, long offset, long total, CancellationToken cancellationToken)
    {
        var pieces = Split(offset, total, context.Options.PieceSizeFor(total - offset));
        var written = pieces.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var queue = new PieceQueue(pieces.Count);

        // Until the pieces join up the file has holes: after a crash only the hashed prefix counts.
        (state with { GoodLength = offset }).Save(context.PartialPath);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connections = Math.Min(context.Options.SegmentCount, pieces.Count);
        var workers = new Task[connections];
        workers[0] = StopOthersOnFailure(FirstConnectionAsync(context, first.Response, file, pieces, written, queue, first.FinalUrl, state.Validator, total, stop.Token), stop);
        for (var i = 1; i < connections; i++)
        {
            workers[i] = StopOthersOnFailure(ConnectionAsync(context, first.FinalUrl, state.Validator, file, pieces, written, queue, total, stop.Token), stop);
        }

        try
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                await written[i].Task.WaitAsync(stop.Token).ConfigureAwait(false);
                await file.HashRangeAsync(context.Hasher, pieces[i].Start, pieces[i].Length, stop.Token).ConfigureAwait(false);
                (state with { GoodLength = pieces[i].End }).Save(context.PartialPath);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception caught)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);

            // Keep only what the hasher has seen: a contiguous prefix, so the next attempt resumes from it.
            file.Truncate(context.Hasher.Length);
            (state with { GoodLength = null }).Save(context.PartialPath);
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(RootCause(workers) ?? caught);
        }

        (state with { GoodLength = null }).Save(context.PartialPath);
    }

    /// <summary>Piece 0 from the open response (its body is let go after it); then pieces like any other connection.</summary>
    private static async Task FirstConnectionAsync(
        TransferContext context, HttpResponseMessage response, PartialFile file, List<Piece> pieces, TaskCompletionSource[] written,
        PieceQueue queue, Uri url, string validator, long total, CancellationToken cancellationToken)
    {
        var copied = await BodyCopier.CopyAsync(response, file, pieces[0].Start, pieces[0].Length, null, context.Progress, context.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        EnsureWhole(pieces[0], copied, total);
        written[0].SetResult();
        await ConnectionAsync(context, url, validator, file, pieces, written, queue, total, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ConnectionAsync(
        TransferContext context, Uri url, string validator, PartialFile file, List<Piece> pieces, TaskCompletionSource[] written,
        PieceQueue queue, long total, CancellationToken cancellationToken)
    {
        for (var index = queue.Take(); index < pieces.Count; index = queue.Take())
        {
            await FetchAsync(context, url, validator, file, pieces[index], total, cancellationToken).ConfigureAwait(false);
            written[index].SetResult();
        }
    }

    private static async Task FetchAsync(TransferContext context, Uri url, string validator, PartialFile file, Piece piece, long total, CancellationToken cancellationToken)
    {
        using var sent = await context.Sender.SendAsync(context.Spec, url, new RangeRequest(piece.Start, piece.End - 1, validator), cancellationToken).ConfigureAwait(false);
        var response = sent.Response;
        var range = response.Content.Headers.ContentRange;
        var answered = Validator.Of(response);
        if (response.StatusCode != HttpStatusCode.PartialContent || range is null || range.From != piece.Start || range.To != piece.End - 1 ||
            (range.Length is { } length && length != total) || (answered is not null && answered != validator))
        {
            context.SegmentsRefused = true;
            throw AttemptFailedException.Restart($"the server answered the range starting at byte {piece.Start} with another range or version; starting over");
        }

        var copied = await BodyCopier.CopyAsync(response, file, piece.Start, piece.Length, null, context.Progress, context.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        EnsureWhole(piece, copied, total);
    }

    private static void EnsureWhole(Piece piece, long copied, long total)
    {
        if (copied != piece.Length)
        {
            throw AttemptFailedException.Transient($"the body ended after {piece.Start + copied} of {total} bytes");
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

    private static List<Piece> Split(long offset, long total, long size)
    {
        var pieces = new List<Piece>();
        for (var start = offset; start < total; start += size)
        {
            pieces.Add(new Piece(start, Math.Min(start + size, total)));
        }

        return pieces;
    }

    private readonly record struct Piece(long Start, long End)
    {
        public long Length => End - Start;
    }

    /// <summary>Hands out piece numbers from 1 in order (piece 0 is the open response's), so the written prefix grows from the front.</summary>
    private sealed class PieceQueue(int count)
    {
        private int _next;

        /// <summary>The next piece to fetch; <c>count</c> when none is left.</summary>
        public int Take() => Math.Min(Interlocked.Increment(ref _next), count);
    }
}
