namespace Fetch.Build.Core.Diagnostics;

/// <summary>Where Core reports; the MSBuild task implements it over TaskLoggingHelper.</summary>
internal interface IFetchLog
{
    /// <summary>A coded warning or error.</summary>
    void Report(FetchDiagnostic diagnostic);

    /// <summary>Plain information: the summary, retries. High importance shows at normal verbosity.</summary>
    void Message(string text, bool important);

    /// <summary>
    /// A long download's progress. A log that can draw progress uses the numbers; this default shows
    /// each report's line as an important message, and nothing for the final one.
    /// </summary>
    void Progress(ProgressReport report)
    {
        if (!report.Finished)
        {
            Message(report.Text, important: true);
        }
    }
}
