using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;
using Polly;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Downloads one artifact into a partial file, hashing every byte in order. The sources (the
/// Include URL, then its mirrors) are tried in rounds inside one retry policy: a source that fails
/// hands over to the next at once, and the backoff waits come between rounds (SPEC §10, "mirrors
/// fail over fast"). A source that refuses for good, or sends bytes the spec's check rejects, is
/// left out of later rounds. Each attempt resumes what the same source left before when it still
/// serves the same version.
/// </summary>
internal sealed class Downloader
{
    private readonly HttpStack _http;
    private readonly IFetchLog? _log;

    /// <param name="http">The run's HTTP stack: client, redirect and credential rules, rate gate, retry policy.</param>
    /// <param name="log">Where progress of long downloads goes; none when null.</param>
    public Downloader(HttpStack http, IFetchLog? log = null)
    {
        _http = http;
        _log = log;
    }

    /// <summary>
    /// Leaves the whole body in <paramref name="partialPath"/> with <paramref name="hasher"/> having
    /// seen each byte once, in order. Throws <see cref="FetchException"/> when every source failed:
    /// FB1001 when one sent bytes <see cref="DownloadSpec.Check"/> rejected and none sent the right
    /// ones, else FB1002 naming each source's last failure; <see cref="OperationCanceledException"/>
    /// when cancelled — the partial and its sidecar then stay for a later resume.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(DownloadSpec spec, string partialPath, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var progress = new TransferProgress();
        using var reporter = ProgressReporter.Start(_log, _http.Time, spec.MaskedUrl, progress, _http.Options);
        var context = new TransferContext(_http.Sender, _http.Options, spec, partialPath, hasher, progress);
        var sources = new SourceRounds(spec.Sources);

        // What the hasher saw before this call is not ours to vouch for.
        hasher.Reset();
        var retry = ResilienceContextPool.Shared.Get(cancellationToken);
        retry.Properties.Set(RetryPolicy.Notice, (reason, wait) => ReportRetry(spec, reason, wait));
        try
        {
            return await _http.Retry.ExecuteAsync(
                async resilience => await RoundAsync(context, sources, resilience.CancellationToken).ConfigureAwait(false),
                retry).ConfigureAwait(false);
        }
        catch (AttemptFailedException)
        {
            // Polly hands back the last failure when cancelled during it: cancellation wins.
            cancellationToken.ThrowIfCancellationRequested();
            throw new FetchException(sources.FirstWrongContent ?? DiagnosticCatalog.DownloadFailed(spec.MaskedUrl, sources.Describe()));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(retry);
        }
    }

    /// <summary>One attempt at every source still in the running, in order; the first that gives acceptable bytes ends the download.</summary>
    private async Task<DownloadResult> RoundAsync(TransferContext context, SourceRounds sources, CancellationToken cancellationToken)
    {
        sources.BeginRound();
        foreach (var index in sources.Live())
        {
            var source = context.Spec.Sources[index];
            DownloadResult result;
            try
            {
                sources.Attempted(index);
                result = await AttemptAsync(context, source, cancellationToken).ConfigureAwait(false);
            }
            catch (AttemptFailedException ex)
            {
                sources.Failed(index, ex);
                continue;
            }

            if (context.Spec.Check?.Invoke(context.Hasher.Current()) is not { } wrong)
            {
                return result;
            }

            // Wrong bytes are of no use to a resume, and the next source must not be appended to them.
            ResumeState.Delete(context.PartialPath);
            File.Delete(context.PartialPath);
            context.Hasher.Reset();
            sources.SentWrongContent(index, wrong);
            if (context.Spec.Sources.Count > 1)
            {
                // With one URL there is no next one: FB1001 follows and says it all.
                _log?.Message($"Fetch.Build: {context.Spec.MaskedUrl}: the content from {UrlMasker.Mask(source)} does not match the expected digest; trying the next URL.", important: true);
            }
        }

        throw sources.RoundFailure();
    }

    private static async Task<DownloadResult> AttemptAsync(TransferContext context, Uri source, CancellationToken cancellationToken)
    {
        if (source.IsFile)
        {
            // A file copy overwrites the partial: resume state of an HTTP source no longer fits it.
            ResumeState.Delete(context.PartialPath);
            return await FileSource.CopyAsync(source, context.PartialPath, context.Hasher, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await HttpAttempt.RunAsync(context, source, cancellationToken).ConfigureAwait(false);
        }
        catch (AttemptFailedException ex) when (ex.RestartFromZero)
        {
            ResumeState.Delete(context.PartialPath);
            throw;
        }
    }

    private void ReportRetry(DownloadSpec spec, string reason, TimeSpan wait)
    {
        // A build that pauses for a rate limit should say why at normal verbosity; a quick blip need not.
        var who = spec.Sources.Count == 1 ? UrlMasker.Mask(spec.Sources[0]) : spec.MaskedUrl;
        _log?.Message($"{who}: {reason}; trying again in {StatusClassifier.Seconds(wait)}", important: wait >= _http.Options.ProgressDelay);
    }
}
