namespace Fetch.Build.Core.Diagnostics;

/// <summary>
/// An expected failure of one artifact. It carries the coded diagnostic the build reports;
/// anything else thrown from Core is a bug.
/// </summary>
internal sealed class FetchException : Exception
{
    public FetchException(FetchDiagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.ToString(), inner)
    {
        Diagnostic = diagnostic;
    }

    public FetchDiagnostic Diagnostic { get; }
}
