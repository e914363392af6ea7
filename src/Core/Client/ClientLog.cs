using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Client;

/// <summary>
/// The run's log for one library call: errors are kept to become the call's exception, progress
/// goes to the caller's <see cref="IProgress{T}"/>, and the build's plain messages go nowhere.
/// </summary>
internal sealed class ClientLog : IFetchLog
{
    private readonly IProgress<FetchProgress>? _progress;
    private readonly List<FetchDiagnostic> _errors = [];

    public ClientLog(IProgress<FetchProgress>? progress)
    {
        _progress = progress;
    }

    public IReadOnlyList<FetchDiagnostic> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToList();
            }
        }
    }

    public void Report(FetchDiagnostic diagnostic)
    {
        if (diagnostic.Severity == FetchSeverity.Error)
        {
            lock (_errors)
            {
                _errors.Add(diagnostic);
            }
        }
    }

    public void Message(string text, bool important)
    {
    }

    public void Progress(ProgressReport report) =>
        _progress?.Report(new FetchProgress(report.MaskedUrl, report.Done, report.Total, report.BytesPerSecond, report.Finished));
}
