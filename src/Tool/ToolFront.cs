using System.CommandLine;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Tool.Commands;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool;

/// <summary>
/// The tool's one front, as the task's Execute is the build's: parses the command line, runs the
/// command, and turns every expected failure into one line on stderr and an exit code — 0 success,
/// 1 a check failed (a corrupt cache entry, a failed fetch), 2 a usage error (an unknown command, a
/// bad size, an unsupported URL, a file that is not MSBuild XML; SPEC §8).
/// </summary>
internal static class ToolFront
{
    public const int Success = 0;
    public const int CheckFailed = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var console = ToolConsole.ForProcess();
        var parsed = ToolCommands.Build(console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // What the user typed wrong says more than what is missing because of it.
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            ToolConsole.Fail($"{error.Message} (see 'dotnet fetch --help')");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = Console.Error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            ToolConsole.Fail(ex.Message);
            return UsageError;
        }
        catch (FetchException ex)
        {
            // FB1006 is the user's input (a URL, a size, a project file); anything else is the fetch's.
            ToolConsole.Fail(ex.Diagnostic.ToString());
            return ex.Diagnostic.Code == DiagnosticCatalog.InvalidMetadataCode ? UsageError : CheckFailed;
        }
        catch (OperationCanceledException)
        {
            ToolConsole.Fail("cancelled; partial downloads are kept for the next run.");
            return CheckFailed;
        }
    }
}
