using System.Collections.Concurrent;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Pipeline;

/// <summary>The run's log as one artifact sees it: everything passes on, and the artifact keeps what was said about it.</summary>
internal sealed class ArtifactLog : IFetchLog
{
    private readonly IFetchLog _run;
    private readonly ConcurrentQueue<FetchDiagnostic> _diagnostics = new();

    public ArtifactLog(IFetchLog run)
    {
        _run = run;
    }

    public IReadOnlyList<FetchDiagnostic> Diagnostics => _diagnostics.ToArray();

    public void Report(FetchDiagnostic diagnostic)
    {
        _diagnostics.Enqueue(diagnostic);
        _run.Report(diagnostic);
    }

    public void Message(string text, bool important) => _run.Message(text, important);

    public void Progress(ProgressReport report) => _run.Progress(report);
}
