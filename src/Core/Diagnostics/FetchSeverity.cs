namespace Fetch.Build.Core.Diagnostics;

/// <summary>How a diagnostic reaches the build: as a warning or as an error.</summary>
internal enum FetchSeverity
{
    Warning,
    Error,
}
