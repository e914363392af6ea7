namespace Fetch.Build.TestSupport;

/// <summary>How a child process ended: its exit code, and what it printed — both streams together as they came, and each on its own.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public string StandardOutput { get; init; } = string.Empty;

    public string StandardError { get; init; } = string.Empty;

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
