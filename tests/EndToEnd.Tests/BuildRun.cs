using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>One consumer build: the process result and the items it reported.</summary>
internal sealed record BuildRun(ProcessResult Process, BuildReport Report)
{
    public bool Succeeded => Process.ExitCode == 0;

    public string Output => Process.Output;

    public override string ToString() => Process.ToString();
}
