namespace Fetch.Build.Core.Diagnostics;

/// <summary>Passes everything on and remembers whether an error went by, so the run's result agrees with its log.</summary>
internal sealed class ErrorTrackingLog : IFetchLog
{
    private readonly IFetchLog _inner;
    private int _errors;

    public ErrorTrackingLog(IFetchLog inner)
    {
        _inner = inner;
    }

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public void Report(FetchDiagnostic diagnostic)
    {
        if (diagnostic.Severity == FetchSeverity.Error)
        {
            Interlocked.Increment(ref _errors);
        }

        _inner.Report(diagnostic);
    }

    public void Message(string text, bool important) => _inner.Message(text, important);

    public void Progress(ProgressReport report) => _inner.Progress(report);
}
