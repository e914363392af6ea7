using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;
using Polly;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Downloads one artifact into a partial file, hashing every byte in order. Tries the sources in
/// order; each source gets the retry policy's attempts, each attempt resumes what the previous one
/// left when the server still has the same version.
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
    /// seen each byte once, in order. Throws <see cref="FetchException"/> (FB1002) when every source
    /// failed, <see cref="OperationCanceledException"/> when cancelled — the partial and its sidecar
    /// then stay for a later resume.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(DownloadSpec spec, string partialPath, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var progress = new TransferProgress();
        using var reporter = ProgressReporter.Start(_log, _http.Time, spec.MaskedUrl, progress, _http.Options);
        var context = new TransferContext(_http.Sender, _http.Options, spec, partialPath, hasher, progress);

        // What the hasher saw before this call is not ours to vouch for.
        hasher.Reset();
        var failures = new List<string>();
        for (var i = 0; i < spec.Sources.Count; i++)
        {
            var source = spec.Sources[i];
            try
            {
                if (source.IsFile)
                {
                    // A file copy overwrites the partial: resume state of an HTTP source no longer fits it.
                    ResumeState.Delete(partialPath);
                    return await FileSource.CopyAsync(source, partialPath, hasher, cancellationToken).ConfigureAwait(false);
                }

                return await DownloadHttpAsync(context, source, cancellationToken).ConfigureAwait(false);
            }
            catch (AttemptFailedException ex)
            {
                failures.Add(i == 0 ? ex.Message : $"mirror {UrlMasker.Mask(source)}: {ex.Message}");
            }
        }

        throw new FetchException(DiagnosticCatalog.DownloadFailed(spec.MaskedUrl, string.Join("; then ", failures)));
    }

    private async Task<DownloadResult> DownloadHttpAsync(TransferContext context, Uri source, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var retry = ResilienceContextPool.Shared.Get(cancellationToken);
        retry.Properties.Set(RetryPolicy.Notice, (reason, wait) => ReportRetry(source, reason, wait));
        try
        {
            return await _http.Retry.ExecuteAsync(
                async resilience =>
                {
                    attempts++;
                    try
                    {
                        return await HttpAttempt.RunAsync(context, source, resilience.CancellationToken).ConfigureAwait(false);
                    }
                    catch (AttemptFailedException ex) when (ex.RestartFromZero)
                    {
                        ResumeState.Delete(context.PartialPath);
                        throw;
                    }
                },
                retry).ConfigureAwait(false);
        }
        catch (AttemptFailedException ex)
        {
            // Polly hands back the last failure when cancelled during it: cancellation wins.
            cancellationToken.ThrowIfCancellationRequested();
            throw attempts > 1 ? AttemptFailedException.Permanent($"{ex.Message} (gave up after {attempts} attempts)") : ex;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(retry);
        }
    }

    private void ReportRetry(Uri source, string reason, TimeSpan wait)
    {
        // A build that pauses for a rate limit should say why at normal verbosity; a quick blip need not.
        var text = $"{UrlMasker.Mask(source)}: {reason}; trying again in {StatusClassifier.Seconds(wait)}";
        _log?.Message(text, important: wait >= _http.Options.ProgressDelay);
    }
}
