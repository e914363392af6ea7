namespace Fetch.Build.Core.Diagnostics;

/// <summary>How a diagnostic reaches the build: as a warning or as an error.</summary>
public enum FetchSeverity
{
    Warning,
    Error,
}
