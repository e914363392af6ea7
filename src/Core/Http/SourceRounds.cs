using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Where each source of one download stands across rounds: how often it was tried, how it last
/// failed, and whether it is out of the running (it refused for good, or sent the wrong bytes).
/// Decides what a round that found nothing tells the retry policy.
/// </summary>
internal sealed class SourceRounds
{
    private readonly IReadOnlyList<Uri> _sources;
    private readonly int[] _attempts;
    private readonly string?[] _lastFailure;
    private readonly bool[] _out;
    private readonly List<(Uri Source, AttemptFailedException Failure)> _round = [];

    public SourceRounds(IReadOnlyList<Uri> sources)
    {
        _sources = sources;
        _attempts = new int[sources.Count];
        _lastFailure = new string?[sources.Count];
        _out = new bool[sources.Count];
    }

    /// <summary>FB1001 for the first source that sent bytes the check rejected; null when none did.</summary>
    public FetchDiagnostic? FirstWrongContent { get; private set; }

    /// <summary>Starts a round: what the last one heard is forgotten.</summary>
    public void BeginRound() => _round.Clear();

    /// <summary>The sources still in the running, in order.</summary>
    public IEnumerable<int> Live()
    {
        for (var i = 0; i < _sources.Count; i++)
        {
            if (!_out[i])
            {
                yield return i;
            }
        }
    }

    public void Attempted(int index) => _attempts[index]++;

    public void Failed(int index, AttemptFailedException failure)
    {
        _lastFailure[index] = failure.Message;
        if (failure.IsTransient)
        {
            _round.Add((_sources[index], failure));
        }
        else
        {
            _out[index] = true;
        }
    }

    public void SentWrongContent(int index, FetchDiagnostic mismatch)
    {
        _lastFailure[index] = "the content does not match the expected digest";
        _out[index] = true;
        FirstWrongContent ??= mismatch;
    }

    /// <summary>
    /// What the retry policy hears after a round in which no source succeeded: permanent when none
    /// is left; with one left, its own failure (so a server's Retry-After, or a restart at once,
    /// applies as it would to a single URL); with several, a transient failure that waits what all
    /// of them asked for when they all asked, else our own backoff.
    /// </summary>
    public AttemptFailedException RoundFailure()
    {
        if (_round.Count == 0)
        {
            // Every source refused for good or sent the wrong bytes: no later round would differ.
            return AttemptFailedException.Permanent("no source is left to try");
        }

        if (_round.Count == 1)
        {
            return _round[0].Failure;
        }

        TimeSpan? wait = null;
        foreach (var (_, failure) in _round)
        {
            if (failure.RetryAfter is not { } asked)
            {
                wait = null;
                break;
            }

            wait = wait is null || asked < wait ? asked : wait;
        }

        return AttemptFailedException.Transient(string.Join("; ", _round.Select(r => $"{UrlMasker.Mask(r.Source)}: {r.Failure.Message}")), wait);
    }

    /// <summary>Each source's last failure, the Include URL first and each mirror named, for FB1002.</summary>
    public string Describe()
    {
        var parts = new List<string>(_sources.Count);
        for (var i = 0; i < _sources.Count; i++)
        {
            var reason = _lastFailure[i] ?? "not tried";
            if (_attempts[i] > 1)
            {
                reason += $" (gave up after {_attempts[i]} attempts)";
            }

            parts.Add(i == 0 ? reason : $"mirror {UrlMasker.Mask(_sources[i])}: {reason}");
        }

        return string.Join("; then ", parts);
    }
}
