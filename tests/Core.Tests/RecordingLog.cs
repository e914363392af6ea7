using System.Collections.Concurrent;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests;

/// <summary>Keeps everything Core reported, for assertions.</summary>
internal sealed class RecordingLog : IFetchLog
{
    private readonly ConcurrentQueue<FetchDiagnostic> _diagnostics = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<ProgressReport> _progress = new();

    public IReadOnlyList<FetchDiagnostic> Diagnostics => _diagnostics.ToArray();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public IEnumerable<string> Codes => Diagnostics.Select(d => d.Code);

    public void Report(FetchDiagnostic diagnostic) => _diagnostics.Enqueue(diagnostic);

    public void Message(string text, bool important) => _messages.Enqueue(text);

    public IReadOnlyList<ProgressReport> ProgressReports => _progress.ToArray();

    /// <summary>Kept as reports, and shown in <see cref="Messages"/> as the default log shows them.</summary>
    public void Progress(ProgressReport report)
    {
        _progress.Enqueue(report);
        if (!report.Finished)
        {
            Message(report.Text, important: true);
        }
    }

    public override string ToString() => string.Join('\n', Diagnostics.Select(d => d.ToString()).Concat(Messages));
}
