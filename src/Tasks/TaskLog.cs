using Fetch.Build.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Fetch.Build.Tasks;

/// <summary>Core's log over MSBuild's. Core reports from several downloads at once, so calls are serialised.</summary>
internal sealed class TaskLog : IFetchLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string? _projectFile;
    private readonly IBuildEngine? _engine;
    private readonly object _gate = new();
    private EngineProgress? _bars;
    private bool _barsLookedFor;

    public TaskLog(TaskLoggingHelper log, string? projectFile, IBuildEngine? engine)
    {
        _log = log;
        _projectFile = projectFile;
        _engine = engine;
    }

    /// <summary>Diagnostics point at the consumer's project, not at our .targets file.</summary>
    public void Report(FetchDiagnostic diagnostic)
    {
        lock (_gate)
        {
            if (diagnostic.Severity == FetchSeverity.Error)
            {
                _log.LogError(null, diagnostic.Code, null, _projectFile, 0, 0, 0, 0, diagnostic.Message);
            }
            else
            {
                _log.LogWarning(null, diagnostic.Code, null, _projectFile, 0, 0, 0, 0, diagnostic.Message);
            }
        }
    }

    public void Message(string text, bool important)
    {
        lock (_gate)
        {
            _log.LogMessage(important ? MessageImportance.High : MessageImportance.Low, text);
        }
    }

    /// <summary>
    /// The console logger's line, as it always was, and a live bar where MSBuild can draw one: the
    /// terminal logger (SDK 9+) shows no task message at normal verbosity.
    /// </summary>
    public void Progress(ProgressReport report)
    {
        lock (_gate)
        {
            if (!report.Finished)
            {
                _log.LogMessage(MessageImportance.High, report.Text);
            }

            if (!_barsLookedFor)
            {
                // Looked for at the first long download, not on every build.
                _barsLookedFor = true;
                _bars = EngineProgress.For((_engine as IBuildEngine10)?.EngineServices);
            }

            _bars?.Report(report);
        }
    }

    /// <summary>Ends any progress still open.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _bars?.Close();
        }
    }
}
