using Fetch.Build.Core.Diagnostics;
using Spectre.Console;

namespace Fetch.Build.Tool.Output;

/// <summary>
/// Core's log for the tool: warnings and errors as coded lines on stderr, important messages as
/// plain lines, and a download's progress as a bar on a terminal (a line every few seconds
/// elsewhere). While a bar is drawn, lines wait and are written after it.
/// </summary>
internal sealed class ToolLog : IFetchLog
{
    private readonly ToolConsole _console;
    private readonly Func<FetchDiagnostic, bool> _show;
    private readonly List<string> _held = [];
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ProgressContext? _progress;

    /// <param name="show">Which diagnostics to print; the command reports the others in its own words.</param>
    public ToolLog(ToolConsole console, Func<FetchDiagnostic, bool>? show = null)
    {
        _console = console;
        _show = show ?? (static _ => true);
    }

    public List<FetchDiagnostic> Diagnostics { get; } = [];

    public void Report(FetchDiagnostic diagnostic)
    {
        lock (_gate)
        {
            Diagnostics.Add(diagnostic);
        }

        if (_show(diagnostic))
        {
            Line($"{(diagnostic.Severity == FetchSeverity.Error ? "error" : "warning")} {diagnostic}");
        }
    }

    public void Message(string text, bool important)
    {
        if (important)
        {
            Line(text);
        }
    }

    public void Progress(ProgressReport report)
    {
        lock (_gate)
        {
            if (_progress is null)
            {
                if (!report.Finished)
                {
                    ToolConsole.Message(report.Text);
                }

                return;
            }

            if (!_bars.TryGetValue(report.MaskedUrl, out var bar))
            {
                bar = _progress.AddTask(report.MaskedUrl, maxValue: report.Total ?? Math.Max(report.Done, 1));
                _bars[report.MaskedUrl] = bar;
            }

            bar.MaxValue = report.Total ?? Math.Max(report.Done, 1);
            bar.Value = report.Done;
            if (report.Finished)
            {
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> with progress drawn as bars when stderr is a terminal.</summary>
    public async Task<T> WithProgressAsync<T>(Func<Task<T>> work)
    {
        if (!_console.MessagesOnTerminal)
        {
            return await work().ConfigureAwait(false);
        }

        var result = await _console.Messages.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                lock (_gate)
                {
                    _progress = context;
                }

                try
                {
                    return await work().ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _progress = null;
                    }
                }
            }).ConfigureAwait(false);
        foreach (var line in _held)
        {
            ToolConsole.Message(line);
        }

        _held.Clear();
        return result;
    }

    private void Line(string text)
    {
        lock (_gate)
        {
            if (_progress is not null)
            {
                _held.Add(text);
            }
            else
            {
                ToolConsole.Message(text);
            }
        }
    }
}
