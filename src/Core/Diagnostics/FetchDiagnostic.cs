namespace Fetch.Build.Core.Diagnostics;

/// <summary>A coded message (FB1001…) ready for the build log. Text is already masked.</summary>
internal sealed record FetchDiagnostic(string Code, FetchSeverity Severity, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
