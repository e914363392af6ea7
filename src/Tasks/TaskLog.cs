using Fetch.Build.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Fetch.Build.Tasks;

/// <summary>Core's log over MSBuild's. Core reports from several downloads at once, so calls are serialised.</summary>
internal sealed class TaskLog : IFetchLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string? _projectFile;
    private readonly object _gate = new();

    public TaskLog(TaskLoggingHelper log, string? projectFile)
    {
        _log = log;
        _projectFile = projectFile;
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
}
