namespace Fetch.Build.Core.Diagnostics;

/// <summary>Where Core reports; the MSBuild task implements it over TaskLoggingHelper.</summary>
public interface IFetchLog
{
    /// <summary>A coded warning or error.</summary>
    void Report(FetchDiagnostic diagnostic);

    /// <summary>Plain information: progress lines, the summary. High importance shows at normal verbosity.</summary>
    void Message(string text, bool important);
}
